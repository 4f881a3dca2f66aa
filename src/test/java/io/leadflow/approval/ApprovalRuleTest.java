package io.leadflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a LeadApproval rule's outputs are read: no engine, just the table's values. */
class ApprovalRuleTest {

  static Map<String, Object> rule(String group, String mode, String limit, String action,
      String escalationGroup) {
    Map<String, Object> outputs = new HashMap<>();
    outputs.put("approvalRequired", true);
    outputs.put("approverGroup", group);
    outputs.put("approvalMode", mode);
    outputs.put("approvalTimeLimit", limit);
    outputs.put("timeoutAction", action);
    outputs.put("escalationGroup", escalationGroup);
    outputs.put("reason", "超过100万 / over 1M");
    return outputs;
  }

  @Test
  void aCompleteRuleIsTakenWithItsValuesNormalised() {
    ApprovalRule rule = ApprovalRule.of(rule(" sales-vp ", "all", "P2D", "escalate", "ceo"));

    assertThat(rule).isEqualTo(new ApprovalRule("sales-vp", "ALL", "P2D", "ESCALATE", "ceo",
        "超过100万 / over 1M"));
    assertThat(rule.modeLabel()).isEqualTo("会签：全部同意 / All must approve");
  }

  @Test
  void noTimeoutActionMeansApproveWhenTheTimeRunsOut() {
    ApprovalRule rule = ApprovalRule.of(rule("sales-directors", "ANY", "PT8H", null, null));

    assertThat(rule.timeoutAction()).isEqualTo("AUTO_APPROVE");
    assertThat(rule.modeLabel()).isEqualTo("或签：一人决定 / The first decision counts");
  }

  @Test
  void anUnknownModeIsRefusedByName() {
    assertThatThrownBy(() -> ApprovalRule.of(rule("g", "MOST", "P1D", null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("LeadApproval: approvalMode must be ALL or ANY, was MOST");
    assertThatThrownBy(() -> ApprovalRule.of(rule("g", null, "P1D", null, null)))
        .hasMessage("LeadApproval: approvalMode must be ALL or ANY, was null");
  }

  @Test
  void anUnreadableTimeLimitIsRefused() {
    assertThatThrownBy(() -> ApprovalRule.of(rule("g", "ANY", "two days", null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("LeadApproval: approvalTimeLimit must be an ISO-8601 duration, was two days");
    assertThatThrownBy(() -> ApprovalRule.of(rule("g", "ANY", null, null, null)))
        .hasMessageContaining("was null");
  }

  @Test
  void anEscalationNeedsAGroup() {
    assertThatThrownBy(() -> ApprovalRule.of(rule("g", "ANY", "P1D", "ESCALATE", " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("LeadApproval: ESCALATE needs an escalationGroup");
  }
}
