package io.leadflow.notification;

import io.leadflow.lead.DeliveryLog;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The deliveries of a lead, for the lead API. */
@Component
class DeliveryLogView implements DeliveryLog {

  private final DeliveryRepository deliveries;
  private final NotificationRepository notifications;

  DeliveryLogView(DeliveryRepository deliveries, NotificationRepository notifications) {
    this.deliveries = deliveries;
    this.notifications = notifications;
  }

  @Override
  @Transactional(readOnly = true)
  public List<Line> forLead(long leadId) {
    return deliveries.findByLeadIdOrderById(leadId).stream().map(d -> new Line(
        notifications.findById(d.getNotificationId()).map(n -> n.getEvent().name()).orElse(null),
        d.getChannel().name(), d.getRecipient(), d.getAddress(), d.getStatus().name(),
        d.getAttempts(), d.getLastError(), d.getProviderResponse(), d.getCreatedAt(),
        d.getSentAt())).toList();
  }
}
