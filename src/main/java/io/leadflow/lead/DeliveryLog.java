package io.leadflow.lead;

import java.time.Instant;
import java.util.List;

/** The notifications sent about a lead, shown with it (kept by the notification feature). */
public interface DeliveryLog {

  record Line(String event, String channel, String recipient, String address, String status,
      int attempts, String lastError, String providerResponse, Instant createdAt,
      Instant sentAt) {}

  /** Oldest first. */
  List<Line> forLead(long leadId);
}
