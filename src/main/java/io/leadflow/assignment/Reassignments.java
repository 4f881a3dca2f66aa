package io.leadflow.assignment;

import static io.leadflow.lead.LeadVariables.REASSIGNED_BY;
import static io.leadflow.lead.LeadVariables.REASSIGN_REASON;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.system.Caller;
import io.leadflow.system.ConflictException;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A manager moves a lead and the owner's open task (follow-up, qualification, opportunity or
 * proposal) to another rep of the team. The task's new
 * assignee does the rest (ReassignOwnerListener), exactly as when the manager does it in
 * Tasklist.
 */
@Service
class Reassignments {

  /** The owner's tasks, one at a time: follow-up, qualification, opportunity, proposal. */
  static final String[] OWNER_TASKS = {"Task_FollowUp", "Task_Qualify",
      "Task_DevelopOpportunity", "Task_Proposal"};

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
      throw new AccessDeniedException("Only an admin or a manager of team " + lead.getTeam()
          + " reassigns its leads");
    }
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(leadId))
        .taskDefinitionKeyIn(OWNER_TASKS).singleResult();
    if (task == null || lead.getOwner() == null) {
      throw new ConflictException("Lead " + leadId + " has no owner to replace (it is "
          + (lead.isPooled() ? "in the pool" : "closed") + ")");
    }
    if (!directory.isRepOf(to, lead.getTeam())) {
      throw new InvalidRequestException(List.of(
          new FieldProblem("to", "is not a rep of team " + lead.getTeam())));
    }
    if (to.equals(lead.getOwner())) {
      throw new ConflictException("Lead " + leadId + " is " + to + "'s already");
    }
    tasks.setVariablesLocal(task.getId(), reason == null
        ? Map.of(REASSIGNED_BY, caller.id()) : Map.of(REASSIGNED_BY, caller.id(), REASSIGN_REASON, reason));
    tasks.setAssignee(task.getId(), to);
    return leads.get(leadId);
  }
}
