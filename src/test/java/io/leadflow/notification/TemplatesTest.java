package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

  static NotificationProperties properties(Path templatesDir) {
    return new NotificationProperties(URI.create("http://localhost:8080"), templatesDir,
        Locale.SIMPLIFIED_CHINESE, ZoneId.of("Asia/Shanghai"), Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  static Map<String, Object> facts() {
    Map<String, Object> model = new HashMap<>();
    model.put("leadId", "42");
    model.put("leadName", "王经理");
    model.put("company", "上海精密制造有限公司");
    model.put("title", "采购总监");
    model.put("phone", "+8613912345678");
    model.put("email", null);
    model.put("region", "上海市");
    model.put("city", "上海");
    model.put("industry", "制造业");
    model.put("product", "MES");
    model.put("source", "WEBSITE_TRIAL");
    model.put("score", "85");
    model.put("stage", "SQL");
    model.put("team", "east-china");
    model.put("teamName", "华东销售团队 / East China sales");
    model.put("rep", "zhang.wei");
    model.put("repName", "张伟");
    model.put("reason", "ROUND_ROBIN: next after li.na");
    model.put("slaDueAt", "2026-11-24 09:30");
    model.put("timeZone", "Asia/Shanghai");
    model.put("recipientName", "张伟");
    model.put("taskUrl", "http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1");
    model.put("leadUrl", "http://localhost:8080/api/leads/42");
    model.put("cockpitUrl", null);
    model.put("mention", "@13800138001");
    model.put("forRep", true);
    return model;
  }

  @Test
  void rendersTheAssignmentInChineseWithTheFactsTheMentionAndBothLinks() {
    Templates.Rendered rendered = new Templates(properties(null))
        .render(NotificationEvent.LEAD_ASSIGNED, Locale.SIMPLIFIED_CHINESE, facts());

    assertThat(rendered.subject()).isEqualTo("您有新的客户线索待跟进：上海精密制造有限公司 王经理");
    assertThat(rendered.markdown())
        .startsWith("### 您有新的客户线索待跟进\n@13800138001 张伟，您好！")
        .contains("请在 **2026-11-24 09:30** 前跟进")
        .contains("- **客户**：上海精密制造有限公司 · 王经理（采购总监）")
        .contains("- **电话**：+8613912345678")
        .doesNotContain("**邮箱**") // no e-mail: the line is left out, not shown empty
        .contains("[打开跟进任务](http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1)")
        .contains("[查看线索](http://localhost:8080/api/leads/42)");
    assertThat(rendered.html())
        .contains("<html lang=\"zh-CN\">")
        .contains("<title>您有新的客户线索待跟进：上海精密制造有限公司 王经理</title>")
        .contains("<h3>您有新的客户线索待跟进</h3>")
        .contains("<a rel=\"nofollow\" href=\"http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1\">打开跟进任务</a>");
  }

  @Test
  void rendersEnglishForAnEnglishSpeakingRecipientAndFallsBackFromARegionalVariant() {
    Templates templates = new Templates(properties(null));
    Templates.Rendered english = templates.render(NotificationEvent.LEAD_ASSIGNED, Locale.ENGLISH,
        facts());
    Templates.Rendered british = templates.render(NotificationEvent.LEAD_ASSIGNED, Locale.UK,
        facts());

    assertThat(english.subject()).isEqualTo("New lead to follow up: 上海精密制造有限公司 王经理");
    assertThat(english.markdown()).contains("Follow it up by **2026-11-24 09:30** (Asia/Shanghai)");
    assertThat(british).isEqualTo(english);
  }

  @Test
  void aLanguageWithoutTemplatesGetsTheDefaultLocales() {
    Templates.Rendered rendered = new Templates(properties(null))
        .render(NotificationEvent.SLA_REMINDER, Locale.JAPANESE, facts());
    assertThat(rendered.subject()).isEqualTo("跟进提醒：上海精密制造有限公司 王经理 将于 2026-11-24 09:30 超时");
  }

  @Test
  void everyEventHasItsTextsInBothLanguages() {
    Templates templates = new Templates(properties(null));
    for (NotificationEvent event : NotificationEvent.values()) {
      for (Locale locale : new Locale[] {Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH}) {
        Templates.Rendered rendered = templates.render(event, locale, facts());
        assertThat(rendered.subject()).as(event + " " + locale).contains("上海精密制造有限公司")
            .doesNotContain("{{");
        assertThat(rendered.markdown()).as(event + " " + locale).contains("http://localhost:8080/api/leads/42");
      }
    }
  }

  @Test
  void theManagersReclaimMessageNamesThePreviousOwnerAndTheOwnersSaysYou() {
    Templates templates = new Templates(properties(null));
    Map<String, Object> toManager = facts();
    toManager.put("forRep", false);
    toManager.put("recipientName", "钱军");
    assertThat(templates.render(NotificationEvent.LEAD_RECLAIMED, Locale.SIMPLIFIED_CHINESE, toManager)
        .markdown()).contains("钱军，您好！张伟未在 **2026-11-24 09:30** 前跟进");
    assertThat(templates.render(NotificationEvent.LEAD_RECLAIMED, Locale.SIMPLIFIED_CHINESE, facts())
        .markdown()).contains("张伟，您好！您未在 **2026-11-24 09:30** 前跟进");
  }

  @Test
  void htmlAndScriptInLeadDataAreShownAsTextInTheEmail() {
    Map<String, Object> model = facts();
    model.put("company", "<script>alert(1)</script>Evil & Co");
    model.put("leadName", "[click](javascript:alert(1))");
    String html = new Templates(properties(null))
        .render(NotificationEvent.LEAD_ASSIGNED, Locale.ENGLISH, model).html();
    assertThat(html).doesNotContain("<script>").doesNotContain("href=\"javascript:")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;Evil &amp; Co");
  }

  @Test
  void anOperatorsTemplateReplacesTheBuiltInOneAndIsReadAgainWhenItChanges(@TempDir Path dir)
      throws Exception {
    Templates templates = new Templates(properties(dir));
    Path subject = dir.resolve("lead-assigned.zh-CN.subject.mustache");
    Files.writeString(subject, "【新线索】{{company}}");
    Files.setLastModifiedTime(subject, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(templates.render(NotificationEvent.LEAD_ASSIGNED, Locale.SIMPLIFIED_CHINESE, facts())
        .subject()).isEqualTo("【新线索】上海精密制造有限公司");

    Files.writeString(subject, "【请跟进】{{company}} {{score}}分");
    Files.setLastModifiedTime(subject, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    Templates.Rendered changed =
        templates.render(NotificationEvent.LEAD_ASSIGNED, Locale.SIMPLIFIED_CHINESE, facts());
    assertThat(changed.subject()).isEqualTo("【请跟进】上海精密制造有限公司 85分");
    // Only the file that exists is replaced; the body is still the built-in one.
    assertThat(changed.markdown()).startsWith("### 您有新的客户线索待跟进");

    Files.delete(subject);
    assertThat(templates.render(NotificationEvent.LEAD_ASSIGNED, Locale.SIMPLIFIED_CHINESE, facts())
        .subject()).startsWith("您有新的客户线索待跟进：");
  }
}
