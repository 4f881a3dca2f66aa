package io.leadflow.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import org.springframework.core.io.Resource;

/**
 * Working time: working days from one hour to another in one time zone, without public holidays
 * and with the make-up working days (调休) that Chinese calendars move onto weekends.
 *
 * <p>The holidays file has one date per line: {@code 2026-10-01 国庆节} is a day off,
 * {@code +2026-10-10 调休上班} a working day that would otherwise be off; text after the date and
 * lines starting with {@code #} are comments.
 */
final class WorkingCalendar {

  private final ZoneId zone;
  private final Set<DayOfWeek> workingDays;
  private final LocalTime dayStart;
  private final LocalTime dayEnd;
  private final Set<LocalDate> daysOff;
  private final Set<LocalDate> extraWorkingDays;

  public WorkingCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime dayStart,
      LocalTime dayEnd, Set<LocalDate> daysOff, Set<LocalDate> extraWorkingDays) {
    if (!dayEnd.isAfter(dayStart)) {
      throw new IllegalArgumentException("The working day must end after it starts: "
          + dayStart + "-" + dayEnd);
    }
    if (workingDays.isEmpty() && extraWorkingDays.isEmpty()) {
      throw new IllegalArgumentException("A calendar needs working days");
    }
    this.zone = zone;
    this.workingDays = Set.copyOf(workingDays);
    this.dayStart = dayStart;
    this.dayEnd = dayEnd;
    this.daysOff = Set.copyOf(daysOff);
    this.extraWorkingDays = Set.copyOf(extraWorkingDays);
  }

  /** A calendar with the holidays of this file (see the class comment for its lines). */
  public static WorkingCalendar withHolidays(ZoneId zone, Set<DayOfWeek> workingDays,
      LocalTime dayStart, LocalTime dayEnd, Resource holidays) {
    Set<LocalDate> off = new HashSet<>();
    Set<LocalDate> extra = new HashSet<>();
    if (holidays != null) {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(holidays.getInputStream(), StandardCharsets.UTF_8))) {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          String text = line.strip();
          if (text.isEmpty() || text.startsWith("#")) {
            continue;
          }
          boolean working = text.startsWith("+");
          String date = text.substring(working ? 1 : 0).split("\\s+", 2)[0];
          try {
            (working ? extra : off).add(LocalDate.parse(date));
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(holidays.getDescription() + " line " + number
                + ": not a date (yyyy-MM-dd): " + date, e);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + holidays.getDescription(), e);
      }
    }
    return new WorkingCalendar(zone, workingDays, dayStart, dayEnd, off, extra);
  }

  public boolean isWorkingDay(LocalDate day) {
    return extraWorkingDays.contains(day)
        || (workingDays.contains(day.getDayOfWeek()) && !daysOff.contains(day));
  }

  /**
   * The moment when this much working time has passed after start: PT8H from Friday 17:00 with
   * 09:00-18:00 working days is Monday 16:00.
   */
  public Instant plus(Instant start, Duration workingTime) {
    if (workingTime.isNegative()) {
      throw new IllegalArgumentException("Working time must not be negative: " + workingTime);
    }
    LocalDateTime at = start.atZone(zone).toLocalDateTime();
    Duration left = workingTime;
    while (true) {
      at = nextWorkingMoment(at);
      LocalDateTime endOfDay = at.toLocalDate().atTime(dayEnd);
      Duration today = Duration.between(at, endOfDay);
      if (left.compareTo(today) <= 0) {
        return ZonedDateTime.of(at.plus(left), zone).toInstant();
      }
      left = left.minus(today);
      at = endOfDay;
    }
  }

  /**
   * The working time from one moment to a later one (zero if the second is not later): Friday
   * 17:00 to Monday 10:00 with 09:00-18:00 working days is two hours.
   */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    LocalDateTime start = from.atZone(zone).toLocalDateTime();
    LocalDateTime end = to.atZone(zone).toLocalDateTime();
    Duration total = Duration.ZERO;
    for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate());
        day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      LocalDateTime open = max(day.atTime(dayStart), start);
      LocalDateTime close = min(day.atTime(dayEnd), end);
      if (close.isAfter(open)) {
        total = total.plus(Duration.between(open, close));
      }
    }
    return total;
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }

  /** The moment itself if it is working time, else the start of the next working period. */
  private LocalDateTime nextWorkingMoment(LocalDateTime at) {
    LocalDate day = at.toLocalDate();
    if (isWorkingDay(day) && !at.toLocalTime().isBefore(dayStart)
        && at.toLocalTime().isBefore(dayEnd)) {
      return at;
    }
    if (!isWorkingDay(day) || !at.toLocalTime().isBefore(dayStart)) {
      day = day.plusDays(1);
      // A year without a single working day is a broken calendar, not a long weekend.
      for (int i = 0; !isWorkingDay(day); i++, day = day.plusDays(1)) {
        if (i > 366) {
          throw new IllegalStateException("No working day within a year after " + at);
        }
      }
    }
    return day.atTime(dayStart);
  }
}
