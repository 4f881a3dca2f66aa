package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.CLAIMANT;
import static io.leadflow.models.LeadLifecycle.CLAIM_TEAM;
import static io.leadflow.models.LeadLifecycle.TEAM;
import static io.leadflow.models.LeadLifecycle.leadId;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On Task_ClaimFromPool. Claiming the task in Tasklist is the claim, one action: on the new
 * assignee {@link PoolClaims#check} runs (a refusal says why, and the task stays in the pool), and
 * the task is completed right after, so the claimant's follow-up opens at once (PoolTaskCompletion).
 * On completing it (then, through the API, or by the form): the rep who claimed the task (its
 * assignee, or else the user completing it) is the claimant, if {@link PoolClaims#check} lets them,
 * and the lead's team from now on is {@link PoolClaims#teamFor}. Completing an unclaimed pool task
 * with nobody logged in is refused, so a lead never leaves the pool without an owner.
 */
@Component("recordClaimantListener")
class RecordClaimantListener implements TaskListener {

  private final PoolClaims claims;
  private final Leads leads;
  private final PoolTaskCompletion completion;

  RecordClaimantListener(PoolClaims claims, Leads leads, PoolTaskCompletion completion) {
    this.claims = claims;
    this.leads = leads;
    this.completion = completion;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (task.getAssignee() != null) {
        check(task, task.getAssignee());
        completion.completeAfterCommit(task.getId());
      }
      return;
    }
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String claimant = task.getAssignee() != null ? task.getAssignee()
        : current == null ? null : current.getUserId();
    if (claimant == null) {
      throw new IllegalStateException("Claim the pool task before completing it: nobody to own the lead");
    }
    String team = check(task, claimant);
    task.setVariable(CLAIMANT, claimant);
    task.setVariable(TEAM, team);
    task.removeVariable(CLAIM_TEAM);
  }

  /** The team the lead joins with this claimant; refused as {@link PoolClaims#check} says. */
  private String check(DelegateTask task, String claimant) {
    // In the engine's name: the claiming rep may not read other users' memberships.
    return Context.getCommandContext().runWithoutAuthorization(() -> {
      Lead lead = leads.get(leadId(task));
      claims.check(lead, claimant);
      return claims.teamFor(lead, claimant, (String) task.getVariable(CLAIM_TEAM));
    });
  }
}
