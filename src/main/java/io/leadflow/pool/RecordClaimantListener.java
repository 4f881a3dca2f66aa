package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.CLAIMANT;
import static io.leadflow.models.LeadLifecycle.leadId;

import io.leadflow.lead.Leads;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ClaimFromPool: the rep who claimed the task (its assignee, or else the user
 * completing it in Tasklist) is the claimant, if {@link PoolClaims#check} lets them. Completing an
 * unclaimed pool task with nobody logged in is refused, so a lead never leaves the pool without an
 * owner.
 */
@Component("recordClaimantListener")
class RecordClaimantListener implements TaskListener {

  private final PoolClaims claims;
  private final Leads leads;

  RecordClaimantListener(PoolClaims claims, Leads leads) {
    this.claims = claims;
    this.leads = leads;
  }

  @Override
  public void notify(DelegateTask task) {
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String claimant = task.getAssignee() != null ? task.getAssignee()
        : current == null ? null : current.getUserId();
    if (claimant == null) {
      throw new IllegalStateException("Claim the pool task before completing it: nobody to own the lead");
    }
    // In the engine's name: the claiming rep may not read other users' memberships.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      claims.check(leads.get(leadId(task)), claimant);
      return null;
    });
    task.setVariable(CLAIMANT, claimant);
  }
}
