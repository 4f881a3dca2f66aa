package io.leadflow.lifecycle;

import io.leadflow.lead.WorkingTime;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * When a new owner's follow-up SLA runs out, and when they are reminded before it does
 * (leadflow.sla.reminder-at: the fraction of the SLA after which the reminder goes out; 0.5 is
 * half way). With leadflow.sla.business-hours the SLA counts working time of the calendar
 * (leadflow.sla.calendar.*), so PT8H given on Friday at 17:00 runs out on Monday at 16:00.
 */
@Component
@EnableConfigurationProperties(FollowUpSlas.Settings.class)
public class FollowUpSlas implements WorkingTime {

  /**
   * @param holidays where the days off and make-up working days are, one per line (see
   *     WorkingCalendar): file:/etc/leadflow/holidays.txt or classpath:...; empty for none
   */
  record Calendar(@DefaultValue("Asia/Shanghai") ZoneId timeZone,
      @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"})
      Set<DayOfWeek> workingDays,
      @DefaultValue("09:00") LocalTime dayStart, @DefaultValue("18:00") LocalTime dayEnd,
      String holidays) {}

  @ConfigurationProperties("leadflow.sla")
  record Settings(@DefaultValue("0.5") double reminderAt,
      @DefaultValue("false") boolean businessHours, @DefaultValue Calendar calendar) {
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
  private final WorkingCalendar calendar;

  FollowUpSlas(Clock clock, Settings settings) {
    this.clock = clock;
    this.settings = settings;
    Calendar c = settings.calendar();
    this.calendar = settings.businessHours() ? WorkingCalendar.withHolidays(c.timeZone(),
        c.workingDays(), c.dayStart(), c.dayEnd(), holidays(c.holidays())) : null;
  }

  private static Resource holidays(String location) {
    if (location == null || location.isBlank()) {
      return null;
    }
    Resource resource = new DefaultResourceLoader().getResource(location);
    if (!resource.exists()) {
      throw new IllegalArgumentException("leadflow.sla.calendar.holidays: no such file " + location);
    }
    return resource;
  }

  /** Working seconds by the SLA calendar; null when SLAs count clock time. */
  @Override
  public Long workingSeconds(Instant from, Instant to) {
    return calendar == null ? null : calendar.between(from, to).toSeconds();
  }

  /** The SLA starting now, for an ISO-8601 duration such as PT24H. */
  public Sla startNow(String duration) {
    Instant now = clock.instant();
    Duration sla = Duration.parse(duration);
    Duration untilReminder = Duration.ofMillis((long) (sla.toMillis() * settings.reminderAt()));
    if (calendar != null) {
      return new Sla(calendar.plus(now, sla), calendar.plus(now, untilReminder));
    }
    return new Sla(now.plus(sla), now.plus(untilReminder));
  }
}
