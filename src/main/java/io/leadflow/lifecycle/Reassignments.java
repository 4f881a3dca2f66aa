package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.OWNER_TASKS;
import static io.leadflow.models.LeadLifecycle.REASSIGNED_BY;
import static io.leadflow.models.LeadLifecycle.REASSIGN_REASON;

import io.leadflow.directory.TeamDirectory;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.system.Caller;
import io.leadflow.system.ConflictException;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotAllowedException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A manager moves a lead and the owner's open task (follow-up, qualification, opportunity or
 * proposal) to another rep of the team, through the API or by setting the task's assignee in
 * Tasklist. The task's new assignee does the rest (ReassignOwnerListener) on either path, and
 * {@link #requireRepOf} is the one rule for who may take it.
 */
@Service
class Reassignments {

  private final Leads leads;
  private final TaskService tasks;
  private final TeamDirectory directory;

  Reassignments(Leads leads, TaskService tasks, TeamDirectory directory) {
    this.leads = leads;
    this.tasks = tasks;
    this.directory = directory;
  }

  @Transactional
  Lead reassign(long leadId, String to, String reason, Caller caller) {
    Lead lead = leads.lock(leadId);
    if (!caller.isAdmin() && !caller.manages(lead.getTeam())) {
      throw new NotAllowedException("Only an admin or a manager of team " + lead.getTeam()
          + " reassigns its leads");
    }
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(leadId))
        .taskDefinitionKeyIn(OWNER_TASKS.toArray(String[]::new)).singleResult();
    if (task == null || lead.getOwner() == null) {
      throw new ConflictException("Lead " + leadId + " has no owner to replace (it is "
          + (lead.isPooled() ? "in the pool" : "closed") + ")");
    }
    requireRepOf(to, lead.getTeam());
    if (to.equals(lead.getOwner())) {
      throw new ConflictException("Lead " + leadId + " is " + to + "'s already");
    }
    tasks.setVariablesLocal(task.getId(), reason == null ? Map.of(REASSIGNED_BY, caller.id())
        : Map.of(REASSIGNED_BY, caller.id(), REASSIGN_REASON, reason));
    tasks.setAssignee(task.getId(), to);
    return leads.get(leadId);
  }

  /**
   * Only a rep of the lead's team may own its task.
   *
   * @throws InvalidRequestException naming {@code to} otherwise
   */
  void requireRepOf(String to, String team) {
    if (!directory.isRepOf(to, team)) {
      throw new InvalidRequestException(List.of(
          new FieldProblem("to", to + " is not a rep of team " + team)));
    }
  }
}
