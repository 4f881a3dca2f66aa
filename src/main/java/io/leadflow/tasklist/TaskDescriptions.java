package io.leadflow.tasklist;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.system.Labels;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Tasklist's Description tab says of a LeadFlow task: which lead, and what the rep is to do,
 * in zh-CN and English. The models' documentation stays for the analysts in Camunda Modeler.
 */
final class TaskDescriptions {

  private TaskDescriptions() {}

  /** @return null for a task LeadFlow says nothing about (it keeps its model's documentation) */
  static String of(String taskKey, Map<String, Object> facts, String due) {
    Object sla = facts.get(SLA_DURATION);
    String limit = sla == null ? ""
        : "（跟进时限 " + Labels.duration(sla.toString(), Locale.SIMPLIFIED_CHINESE) + "）";
    String limitEn = sla == null ? ""
        : " (a follow-up SLA of " + Labels.duration(sla.toString(), Locale.ENGLISH) + ")";
    String todo = switch (taskKey == null ? "" : taskKey) {
      case TASK_FOLLOW_UP -> due == null ? null : "请在 " + due + " 前首次联系客户并记录结果" + limit
          + "，逾期线索将收回公海。\nReach the lead by " + due + " and record how it went" + limitEn
          + "; after that it goes back to the pool.";
      case TASK_CLAIM_FROM_POOL -> "点击「Claim / 认领」即认领此线索：它成为你的线索，跟进任务随即出现在"
          + "「我的线索」。\nClaim it to make it yours: its follow-up opens in My leads at once.";
      case TASK_QUALIFY -> "确认是否为有效商机；无效请注明原因。"
          + "\nQualify the lead into an opportunity, or disqualify it with the reason.";
      case TASK_DEVELOP_OPPORTUNITY -> "推进商机：填写预计金额和下一步。"
          + "\nDevelop the opportunity: its estimated amount and the next step.";
      case TASK_PROPOSAL -> "报价与谈判：记录赢单金额或丢单原因。"
          + "\nProposal and negotiation: record the contract amount, or why it was lost.";
      default -> null;
    };
    if (todo == null) {
      return null;
    }
    return lead(facts) + "\n" + todo;
  }

  /** "苏州云帆科技 · 李雷 · 江苏省苏州市 · 评分 / score 65" */
  static String lead(Map<String, Object> facts) {
    Object score = facts.get(SCORE);
    return Stream.of(facts.get(COMPANY), facts.get(LEAD_NAME), facts.get(REGION),
            score == null ? null : "评分 / score " + score)
        .filter(Objects::nonNull).map(Object::toString).filter(s -> !s.isBlank())
        .collect(Collectors.joining(" · "));
  }
}
