package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** Business-hours SLAs around evenings, weekends, holidays and make-up working days. */
class WorkingCalendarTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  static final LocalTime NINE = LocalTime.of(9, 0);
  static final LocalTime SIX_PM = LocalTime.of(18, 0);

  // 2026-10-01 (Thursday) to 2026-10-07 off; Saturday 2026-10-10 a make-up working day.
  static final String HOLIDAYS = """
      # 国庆节 (a test calendar, not an official one)
      2026-10-01 国庆节
      2026-10-02 国庆节
      2026-10-05
      2026-10-06
      2026-10-07

      +2026-10-10 调休上班
      """;

  static WorkingCalendar calendar() {
    return WorkingCalendar.withHolidays(SHANGHAI, WEEKDAYS, NINE, SIX_PM,
        new ByteArrayResource(HOLIDAYS.getBytes(StandardCharsets.UTF_8), "holidays.txt"));
  }

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  @Test
  void aLeadArrivingFridayAtFivePmWithEightHoursIsDueMondayAtFourPmNotOnSaturday() {
    assertThat(calendar().plus(at("2026-11-20T17:00"), Duration.ofHours(8)))
        .isEqualTo(at("2026-11-23T16:00"));
  }

  @Test
  void timeOutsideWorkingHoursDoesNotCount() {
    WorkingCalendar calendar = calendar();
    // Before the day starts: the clock starts at nine.
    assertThat(calendar.plus(at("2026-11-23T07:30"), Duration.ofHours(2)))
        .isEqualTo(at("2026-11-23T11:00"));
    // In the evening: it starts the next morning.
    assertThat(calendar.plus(at("2026-11-23T20:00"), Duration.ofMinutes(30)))
        .isEqualTo(at("2026-11-24T09:30"));
    // On a Saturday: Monday morning.
    assertThat(calendar.plus(at("2026-11-21T10:00"), Duration.ofHours(8)))
        .isEqualTo(at("2026-11-23T17:00"));
    // Exactly a working day ends at its end, not the next morning.
    assertThat(calendar.plus(at("2026-11-23T09:00"), Duration.ofHours(9)))
        .isEqualTo(at("2026-11-23T18:00"));
    // Several days: 24 working hours from Monday noon are 6 (Monday) + 9 (Tuesday) + 9
    // (Wednesday): Wednesday at six.
    assertThat(calendar.plus(at("2026-11-23T12:00"), Duration.ofHours(24)))
        .isEqualTo(at("2026-11-25T18:00"));
  }

  @Test
  void publicHolidaysAreSkippedAndMakeUpWorkingDaysCount() {
    WorkingCalendar calendar = calendar();
    // Wednesday before National Day at 17:00: one hour left, then the holiday week,
    // then Thursday 8 October.
    assertThat(calendar.plus(at("2026-09-30T17:00"), Duration.ofHours(8)))
        .isEqualTo(at("2026-10-08T16:00"));
    // Friday 9 October 17:00: the make-up Saturday is a working day.
    assertThat(calendar.plus(at("2026-10-09T17:00"), Duration.ofHours(8)))
        .isEqualTo(at("2026-10-10T16:00"));
    assertThat(calendar.isWorkingDay(java.time.LocalDate.parse("2026-10-10"))).isTrue();
    assertThat(calendar.isWorkingDay(java.time.LocalDate.parse("2026-10-01"))).isFalse();
    assertThat(calendar.isWorkingDay(java.time.LocalDate.parse("2026-10-11"))).isFalse();
  }

  @Test
  void aBadLineInTheHolidaysFileNamesTheLine() {
    assertThatThrownBy(() -> WorkingCalendar.withHolidays(SHANGHAI, WEEKDAYS, NINE, SIX_PM,
        new ByteArrayResource("2026-10-01\n2026-13-01 oops\n".getBytes(StandardCharsets.UTF_8),
            "holidays.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2").hasMessageContaining("2026-13-01");
  }

  @Test
  void theSlaAndItsReminderCountWorkingTimeWhenBusinessHoursAreOn() {
    Clock friday = Clock.fixed(at("2026-11-20T17:00"), SHANGHAI);
    FollowUpSlas.Settings settings = new FollowUpSlas.Settings(0.5, true,
        new FollowUpSlas.Calendar(SHANGHAI, WEEKDAYS, NINE, SIX_PM, null));
    FollowUpSlas.Sla sla = new FollowUpSlas(friday, settings).startNow("PT8H");
    assertThat(sla.dueAt()).isEqualTo(at("2026-11-23T16:00"));
    assertThat(sla.remindAt()).isEqualTo(at("2026-11-23T12:00"));

    FollowUpSlas.Sla clockTime = new FollowUpSlas(friday, new FollowUpSlas.Settings(0.5, false,
        settings.calendar())).startNow("PT8H");
    assertThat(clockTime.dueAt()).isEqualTo(at("2026-11-21T01:00"));
  }

  @Test
  void theWorkingTimeBetweenTwoMomentsLeavesOutNightsWeekendsAndHolidays() {
    WorkingCalendar calendar = calendar();
    // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
    assertThat(calendar.between(at("2026-11-20T17:00"), at("2026-11-23T10:00")))
        .isEqualTo(Duration.ofHours(2));
    // Within one working day: the plain difference.
    assertThat(calendar.between(at("2026-11-23T09:10"), at("2026-11-23T09:14")))
        .isEqualTo(Duration.ofMinutes(4));
    // The evening and night count nothing; before the start nothing either.
    assertThat(calendar.between(at("2026-11-23T19:00"), at("2026-11-24T08:00"))).isZero();
    assertThat(calendar.between(at("2026-11-24T08:00"), at("2026-11-23T19:00"))).isZero();
    // The National Day week is off, the make-up Saturday counts: Wednesday 30 September 17:00
    // to Saturday 10 October 10:00 is 1 + 9 (Thursday 8th) + 9 (Friday 9th) + 1 hours.
    assertThat(calendar.between(at("2026-09-30T17:00"), at("2026-10-10T10:00")))
        .isEqualTo(Duration.ofHours(20));
    // The inverse of plus.
    Instant start = at("2026-11-20T17:00");
    assertThat(calendar.between(start, calendar.plus(start, Duration.ofHours(8))))
        .isEqualTo(Duration.ofHours(8));
  }
}
