package io.leadflow.lifecycle;

import io.leadflow.lead.Activity;
import io.leadflow.lead.ActivityType;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/** One behaviour signal as the API takes it (with a lead, or later): what, and when (now if absent). */
public record ActivityRequest(@NotNull ActivityType type, Instant at) {

  /** The requested activities; one without a time happened now. */
  public static List<Activity> toActivities(List<ActivityRequest> requests, Instant now) {
    if (requests == null) {
      return List.of();
    }
    return requests.stream().map(a -> new Activity(a.type(), a.at() == null ? now : a.at()))
        .toList();
  }
}
