package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The words, times and numbers people read instead of LeadFlow's codes. */
class LabelsTest {

  static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
  static final Locale EN = Locale.ENGLISH;

  @Test
  void reasonsSayInWordsWhatTheCodesMeanAndLeaveNamesAndRulesWordsAlone() {
    assertThat(Labels.reason("ROUTED_TO_POOL", null)).isEqualTo("分配规则转入公海 / routed to the pool");
    assertThat(Labels.reason("SLA_MISSED", ZH)).isEqualTo("未在跟进时限内跟进，已收回公海");
    assertThat(Labels.reason("LOAD_BALANCED; SKIPPED_OUT_OF_OFFICE: east.c", EN))
        .isEqualTo("load balanced; skipped (out of office): east.c");
    assertThat(Labels.reason("NO_ELIGIBLE_REP: NO_ELIGIBLE_REP; SKIPPED_FULL: wu.hao", ZH))
        .isEqualTo("团队无可接收线索的销售; 跳过（线索已满）: wu.hao");
    assertThat(Labels.reason("WEIGHTED", ZH)).isEqualTo("按权重分配");
    // A rule's or a person's words stay; a code in their middle too.
    String stalled = "SQL: 自 2026-11-16 09:30 起停在 SQL 阶段 / In stage SQL since 2026-11-16";
    assertThat(Labels.reason(stalled, ZH))
        .isEqualTo("销售认可线索: 自 2026-11-16 09:30 起停在 SQL 阶段 / In stage SQL since 2026-11-16");
    assertThat(Labels.reason("UNKNOWN_CODE from zhang.wei", EN)).isEqualTo("UNKNOWN_CODE from zhang.wei");
  }

  @Test
  void bilingualNamesGiveTheReadersHalf() {
    assertThat(Labels.part("华东销售团队 / East China sales", ZH)).isEqualTo("华东销售团队");
    assertThat(Labels.part("华东销售团队 / East China sales", EN)).isEqualTo("East China sales");
    assertThat(Labels.part("east-china", EN)).isEqualTo("east-china");
    assertThat(Labels.part("华东销售团队 / East China sales", null))
        .isEqualTo("华东销售团队 / East China sales");
  }

  @Test
  void durationsTimesAndPhonesAsPeopleReadThem() {
    assertThat(Labels.duration("PT24H", ZH)).isEqualTo("24 小时");
    assertThat(Labels.duration("PT24H", EN)).isEqualTo("24 hours");
    assertThat(Labels.duration("P3D", null)).isEqualTo("3 天 / 3 days");
    assertThat(Labels.duration("PT1H", EN)).isEqualTo("1 hour");
    assertThat(Labels.duration("PT90M", ZH)).isEqualTo("90 分钟");
    assertThat(Labels.duration("not a duration", ZH)).isEqualTo("not a duration");

    assertThat(Labels.time(Instant.parse("2026-12-03T07:51:27.123Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo("2026-12-03 15:51");

    assertThat(Labels.phone("+8613655550000")).isEqualTo("136 5555 0000");
    assertThat(Labels.phone("+493012345678")).isEqualTo("+49 30 12345678");
    assertThat(Labels.phone("12")).isEqualTo("12");
    assertThat(Labels.phone(null)).isNull();
  }
}
