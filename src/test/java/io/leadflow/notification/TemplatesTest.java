package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.lead.LeadNotice;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
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
        boolean digest = event == NotificationEvent.LEADS_DIGEST;
        Templates.Rendered rendered = templates.render(event, locale, digest ? digest() : facts());
        assertThat(rendered.subject()).as(event + " " + locale)
            .contains(digest ? "200" : "上海精密制造有限公司").doesNotContain("{{");
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

  /** A digest of 200 leads from an import, the first of them listed (Digests.addFacts). */
  static Map<String, Object> digest() {
    Map<String, Object> model = facts();
    model.put("count", "200");
    model.put("label", "展会名片.xlsx · 2026上海工博会");
    model.put("listUrl", "http://localhost:8080/camunda/app/tasklist/default/#/");
    model.put("leads", List.of(Map.of("leadName", "王经理", "company", "上海精密制造有限公司",
        "score", "85", "slaDueAt", "2026-11-24 09:30", "leadUrl", LEAD_URL)));
    model.put("more", "199");
    return model;
  }

  @Test
  void aDigestCountsTheLeadsListsTheFirstAndLinksToTheList() {
    Templates templates = new Templates(properties(null));
    Templates.Rendered zh = templates.render(NotificationEvent.LEADS_DIGEST,
        Locale.SIMPLIFIED_CHINESE, digest());
    assertThat(zh.subject()).isEqualTo("您有 200 条新的客户线索待跟进");
    assertThat(zh.markdown()).contains("批量导入「展会名片.xlsx · 2026上海工博会」为您分配了 **200** 条新线索")
        .contains("- [上海精密制造有限公司 · 王经理](" + LEAD_URL + ") · 评分 85 · 2026-11-24 09:30 前跟进")
        .contains("……以及另外 199 条")
        .contains("[在任务列表中查看全部](http://localhost:8080/camunda/app/tasklist/default/#/)");
    assertThat(templates.render(NotificationEvent.LEADS_DIGEST, Locale.ENGLISH, digest())
        .subject()).isEqualTo("200 new leads to follow up");
  }

  static final String TASK_URL = "http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1";
  static final String LEAD_URL = "http://localhost:8080/api/leads/42";

  /** To a manager about the owner's stalled lead. */
  static Map<String, Object> stalled() {
    Map<String, Object> model = facts();
    model.put("recipientName", "钱军");
    model.put("mention", "@13800138009");
    model.put("forRep", false);
    model.put("reason", "自 2026-11-16 09:30 起停在 SQL 阶段（10 天）/ In stage SQL since 2026-11-16 09:30");
    model.put("slaDueAt", null);
    return model;
  }

  @Test
  void aStalledLeadTellsTheManagerWhoseLeadItIsSinceWhenAndWhereToLook() {
    Templates templates = new Templates(properties(null));
    String reason = (String) stalled().get("reason");

    Templates.Rendered chinese =
        templates.render(NotificationEvent.NEEDS_ATTENTION, Locale.SIMPLIFIED_CHINESE, stalled());
    assertThat(chinese.subject()).isEqualTo("线索推进停滞：上海精密制造有限公司 王经理（负责人 张伟）");
    assertThat(chinese.markdown())
        .startsWith("### 线索推进停滞，请关注\n@13800138009 钱军，您好！**张伟** 负责的以下线索在首次联系后")
        .contains("- **客户**：上海精密制造有限公司 · 王经理（采购总监）")
        .contains("**当前阶段**：SQL")
        .contains("- **负责人**：张伟")
        .contains("- **停滞情况**：" + reason)
        .contains("[打开负责人的任务](" + TASK_URL + ")")
        .contains("[查看线索](" + LEAD_URL + ")");
    assertThat(chinese.html()).contains("<h3>线索推进停滞，请关注</h3>")
        .contains("<a rel=\"nofollow\" href=\"" + LEAD_URL + "\">查看线索</a>");

    Templates.Rendered english =
        templates.render(NotificationEvent.NEEDS_ATTENTION, Locale.ENGLISH, stalled());
    assertThat(english.subject()).isEqualTo("Lead stalled: 上海精密制造有限公司 王经理 (owner 张伟)");
    assertThat(english.markdown())
        .startsWith("### Lead stalled after first contact\n@13800138009 Hello 钱军, this lead of **张伟**")
        .contains("**Stage**: SQL")
        .contains("- **Owner**: 张伟")
        .contains("- **Stalled**: " + reason)
        .contains("[Open the owner's task](" + TASK_URL + ")")
        .contains("[View the lead](" + LEAD_URL + ")");
  }

  @Test
  void aDoneCollaborationTellsTheOwnerTheTaskWhoDidItAndTheResultEvenOnSeveralLines() {
    Templates templates = new Templates(properties(null));
    Map<String, Object> model = facts();
    model.put("slaDueAt", null);
    model.put("reason", "方案评审 / Solution review · 李娜：方案已评审，报价单见共享盘\n部署按私有云");

    Templates.Rendered chinese =
        templates.render(NotificationEvent.COLLABORATION_DONE, Locale.SIMPLIFIED_CHINESE, model);
    assertThat(chinese.subject()).isEqualTo("协作已完成：上海精密制造有限公司 王经理");
    assertThat(chinese.markdown())
        .startsWith("### 协作任务已完成\n@13800138001 张伟，您好！您负责的线索有一项协作任务已完成")
        .contains("- **协作结果**：方案评审 / Solution review · 李娜：方案已评审，报价单见共享盘\n部署按私有云")
        .contains("- **客户**：上海精密制造有限公司 · 王经理（采购总监）")
        .contains("[打开任务](" + TASK_URL + ")")
        .contains("[查看线索](" + LEAD_URL + ")");
    // The result's second line stays in its list item.
    assertThat(chinese.html()).contains(
        "<li><strong>协作结果</strong>：方案评审 / Solution review · 李娜：方案已评审，报价单见共享盘\n部署按私有云</li>");

    Templates.Rendered english =
        templates.render(NotificationEvent.COLLABORATION_DONE, Locale.ENGLISH, model);
    assertThat(english.subject()).isEqualTo("Collaboration done: 上海精密制造有限公司 王经理");
    assertThat(english.markdown())
        .startsWith("### Collaboration task done\n@13800138001 Hello 张伟, a collaboration task on your lead is done.")
        .contains("- **Result**: 方案评审 / Solution review · 李娜：方案已评审")
        .contains("[Open the task](" + TASK_URL + ")")
        .contains("[View the lead](" + LEAD_URL + ")");
  }

  @Test
  void everyLeadNoticeBecomesTheEventOfTheSameName() {
    for (LeadNotice.Kind kind : LeadNotice.Kind.values()) {
      NotificationEvent event = NotificationRecorder.event(kind);
      assertThat(event.name()).as(kind.name()).endsWith(kind.name());
    }
    assertThat(NotificationRecorder.event(LeadNotice.Kind.NEEDS_ATTENTION))
        .isEqualTo(NotificationEvent.NEEDS_ATTENTION);
    assertThat(NotificationRecorder.event(LeadNotice.Kind.COLLABORATION_DONE))
        .isEqualTo(NotificationEvent.COLLABORATION_DONE);
    assertThat(NotificationEvent.NEEDS_ATTENTION.templateName()).isEqualTo("needs-attention");
    assertThat(NotificationEvent.COLLABORATION_DONE.templateName()).isEqualTo("collaboration-done");
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
