package io.leadflow.notification;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface NotificationRepository extends JpaRepository<Notification, Long> {

  @Query("select n.id from Notification n where n.leadId = :leadId and n.event = :event"
      + " and n.deliveredAt is null order by n.id")
  List<Long> findUndelivered(long leadId, NotificationEvent event);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select n from Notification n where n.id = :id")
  Optional<Notification> lock(long id);
}

interface DeliveryRepository extends JpaRepository<Delivery, Long> {

  List<Delivery> findByNotificationIdOrderById(long notificationId);

  List<Delivery> findByLeadIdOrderById(long leadId);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select d from Delivery d where d.id = :id")
  Optional<Delivery> lock(long id);
}
