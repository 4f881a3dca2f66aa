package io.leadflow.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * When a new owner's follow-up SLA runs out, and when they are reminded before it does
 * (leadflow.sla.reminder-at: the fraction of the SLA after which the reminder goes out; 0.5 is
 * half way).
 */
@Component
@EnableConfigurationProperties(FollowUpSlas.Settings.class)
public class FollowUpSlas {

  @ConfigurationProperties("leadflow.sla")
  record Settings(@DefaultValue("0.5") double reminderAt) {
    Settings {
      if (!(reminderAt > 0 && reminderAt < 1)) {
        throw new IllegalArgumentException(
            "leadflow.sla.reminder-at must be between 0 and 1 (exclusive), was " + reminderAt);
      }
    }
  }

  public record Sla(Instant dueAt, Instant remindAt) {}

  private final Clock clock;
  private final Settings settings;

  FollowUpSlas(Clock clock, Settings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  /** The SLA starting now, for an ISO-8601 duration such as PT24H. */
  public Sla startNow(String duration) {
    Instant now = clock.instant();
    Duration sla = Duration.parse(duration);
    Duration untilReminder = Duration.ofMillis((long) (sla.toMillis() * settings.reminderAt()));
    return new Sla(now.plus(sla), now.plus(untilReminder));
  }
}
