package io.leadflow.notification;

import io.leadflow.lead.LeadNotice;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what happened to a lead into a notification row, in the same transaction (an assignment
 * that rolls back announces nothing). Nothing is recorded while every channel is switched off.
 */
@Component
class NotificationRecorder {

  private final NotificationRepository notifications;
  private final List<ChannelSender> channels;
  private final Clock clock;

  NotificationRecorder(NotificationRepository notifications, List<ChannelSender> channels,
      Clock clock) {
    this.notifications = notifications;
    this.channels = channels;
    this.clock = clock;
  }

  @EventListener
  void on(LeadNotice notice) {
    if (channels.stream().noneMatch(ChannelSender::enabled)) {
      return;
    }
    // An assignment made while a batch is held back for a digest waits for the batch's digest.
    String batch = notice.kind() == LeadNotice.Kind.ASSIGNED ? Digests.heldBackFor() : null;
    notifications.save(new Notification(notice.leadId(), event(notice.kind()), notice.team(),
        notice.rep(), notice.reason(), notice.slaDueAt(), clock.instant(), batch));
  }

  static NotificationEvent event(LeadNotice.Kind kind) {
    return switch (kind) {
      case ASSIGNED -> NotificationEvent.LEAD_ASSIGNED;
      case SLA_REMINDER -> NotificationEvent.SLA_REMINDER;
      case RECLAIMED -> NotificationEvent.LEAD_RECLAIMED;
      case CLAIMED -> NotificationEvent.LEAD_CLAIMED;
      case NO_ELIGIBLE_REP -> NotificationEvent.NO_ELIGIBLE_REP;
      case NEEDS_ATTENTION -> NotificationEvent.NEEDS_ATTENTION;
      case COLLABORATION_DONE -> NotificationEvent.COLLABORATION_DONE;
    };
  }
}
