package io.leadflow.pool;

import io.leadflow.assignment.TeamDirectory;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.system.ConflictException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claiming a lead from the pool through the API. The lead's row is locked first, so of two reps
 * claiming at once exactly one wins; the other finds the lead no longer pooled (409). A claim made
 * meanwhile in Tasklist shows as the pool task's assignee, and also answers 409.
 */
@Service
class PoolClaims {

  static final String POOL_TASK = "Task_ClaimFromPool";

  private final Leads leads;
  private final TaskService tasks;
  private final TeamDirectory directory;
  private final PoolPolicy policy;

  PoolClaims(Leads leads, TaskService tasks, TeamDirectory directory, PoolPolicy policy) {
    this.leads = leads;
    this.tasks = tasks;
    this.directory = directory;
    this.policy = policy;
  }

  @Transactional
  Lead claim(long leadId, String rep) {
    Lead lead = leads.lock(leadId);
    if (!directory.mayClaim(rep, lead.getTeam())) {
      throw new AccessDeniedException("Only a rep of team " + lead.getTeam() + " claims its leads");
    }
    if (!lead.isPooled()) {
      throw new ConflictException("Lead " + leadId + " is not in the pool"
          + (lead.getOwner() != null ? ": " + lead.getOwner() + " owns it" : ""));
    }
    policy.checkClaim(lead, rep);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(leadId))
        .taskDefinitionKey(POOL_TASK).singleResult();
    if (task == null) {
      throw new ConflictException("Lead " + leadId + " has no open pool task");
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(rep)) {
      throw new ConflictException("Lead " + leadId + " is being claimed by " + task.getAssignee());
    }
    tasks.setAssignee(task.getId(), rep);
    tasks.complete(task.getId());
    return leads.get(leadId);
  }
}
