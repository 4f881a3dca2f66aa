package io.leadflow.notification;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface NotificationRepository extends JpaRepository<Notification, Long> {

  /** The lead's own notifications of this event not yet sent (not those held for a digest). */
  @Query("select n.id from Notification n where n.leadId = :leadId and n.event = :event"
      + " and n.deliveredAt is null and n.batch is null order by n.id")
  List<Long> findUndelivered(long leadId, NotificationEvent event);

  @Query("select n.id from Notification n where n.batch = :batch and n.event = :event"
      + " and n.deliveredAt is null order by n.id")
  List<Long> findUndeliveredOfBatch(String batch, NotificationEvent event);

  boolean existsByBatchAndEvent(String batch, NotificationEvent event);

  /** Per rep: how many notices of this event the batch holds back, and the first one's lead. */
  @Query("select n.rep, count(n), min(n.leadId) from Notification n where n.batch = :batch"
      + " and n.event = :event and n.rep is not null group by n.rep order by n.rep")
  List<Object[]> countHeldBackPerRep(String batch, NotificationEvent event);

  long countByBatchAndEventAndRep(String batch, NotificationEvent event, String rep);

  @Query("select n.leadId from Notification n where n.batch = :batch and n.event = :event"
      + " and n.rep = :rep order by n.id")
  List<Long> findHeldBackLeads(String batch, NotificationEvent event, String rep,
      org.springframework.data.domain.Pageable page);

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
