package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Leads;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On a new assignee of the owner's task (Task_FollowUp, Task_Qualify, Task_DevelopOpportunity,
 * Task_Proposal; a manager in Tasklist, or POST /api/leads/{id}/reassign): the lead follows the
 * task. Only another rep of the lead's team may take it ({@link Reassignments#requireRepOf}), and
 * the task cannot be left without one; anything else is refused and nothing changes.
 */
@Component("reassignOwnerListener")
class ReassignOwnerListener implements TaskListener {

  private final Leads leads;
  private final Reassignments reassignments;

  ReassignOwnerListener(Leads leads, Reassignments reassignments) {
    this.leads = leads;
    this.reassignments = reassignments;
  }

  @Override
  public void notify(DelegateTask task) {
    String to = task.getAssignee();
    if (to != null && to.equals(task.getVariable(OWNER))) {
      return; // the task's first assignment, to the owner
    }
    if (to == null) {
      throw new IllegalArgumentException("The owner's task stays with a rep: reassign it to"
          + " another rep of the team instead of removing its assignee");
    }
    // In the engine's name: a manager may not read the users' memberships.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      reassignments.requireRepOf(to, (String) task.getVariable(TEAM));
      return null;
    });
    leads.reassign(leadId(task), to, actor(task), (String) task.getVariableLocal(REASSIGN_REASON));
    task.setVariable(OWNER, to);
    task.removeVariableLocal(REASSIGNED_BY);
    task.removeVariableLocal(REASSIGN_REASON);
    task.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(MESSAGE_REASSIGNED)
        .processInstanceId(task.getProcessInstanceId()).correlate();
  }

  private static String actor(DelegateTask task) {
    Object by = task.getVariableLocal(REASSIGNED_BY);
    if (by != null) {
      return by.toString();
    }
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? "system" : current.getUserId();
  }
}
