package io.leadflow.pool;

import static io.leadflow.lead.LeadVariables.CLAIMANT;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ClaimFromPool: the rep who claimed the task (its assignee, or else the user
 * completing it in Tasklist) is the claimant. Completing an unclaimed pool task with nobody logged
 * in is refused, so a lead never leaves the pool without an owner.
 */
@Component("recordClaimantListener")
class RecordClaimantListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String claimant = task.getAssignee();
    if (claimant == null) {
      Authentication current =
          task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      claimant = current == null ? null : current.getUserId();
    }
    if (claimant == null) {
      throw new IllegalStateException("Claim the pool task before completing it: nobody to own the lead");
    }
    task.setVariable(CLAIMANT, claimant);
  }
}
