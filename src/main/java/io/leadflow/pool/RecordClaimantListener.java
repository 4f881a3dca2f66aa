package io.leadflow.pool;

import static io.leadflow.lead.LeadVariables.CLAIMANT;
import static io.leadflow.lead.LeadVariables.TEAM;
import static io.leadflow.lead.LeadVariables.leadId;

import io.leadflow.assignment.TeamDirectory;
import io.leadflow.lead.Leads;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ClaimFromPool: the rep who claimed the task (its assignee, or else the user
 * completing it in Tasklist) is the claimant. Completing an unclaimed pool task with nobody logged
 * in is refused, so a lead never leaves the pool without an owner.
 */
@Component("recordClaimantListener")
class RecordClaimantListener implements TaskListener {

  private final TeamDirectory directory;
  private final PoolPolicy policy;
  private final Leads leads;

  RecordClaimantListener(TeamDirectory directory, PoolPolicy policy, Leads leads) {
    this.directory = directory;
    this.policy = policy;
    this.leads = leads;
  }

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
    String team = (String) task.getVariable(TEAM);
    String candidate = claimant;
    // Looked up in the engine's name: the claiming rep may not read other users' memberships.
    if (!Context.getCommandContext().runWithoutAuthorization(
        () -> directory.mayClaim(candidate, team))) {
      throw new IllegalArgumentException(claimant + " is not a rep of team " + team
          + " and cannot own its leads");
    }
    // The pool's rules hold in Tasklist too (the API checked them already; checking twice is
    // harmless).
    policy.checkClaim(leads.get(leadId(task)), claimant);
    task.setVariable(CLAIMANT, claimant);
  }
}
