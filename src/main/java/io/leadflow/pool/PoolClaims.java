package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.CLAIM_TEAM;
import static io.leadflow.models.LeadLifecycle.TASK_CLAIM_FROM_POOL;

import io.leadflow.directory.TeamDirectory;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.models.LeadRouting;
import io.leadflow.system.ConflictException;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotAllowedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claiming a lead from the pool, through the API or in Tasklist (claiming the pool task): one
 * {@link #check} for both. Through the API the lead's row is locked first, so of two reps claiming
 * at once exactly one wins; the other finds the lead no longer pooled (409). A claim made
 * meanwhile in Tasklist shows as the pool task's assignee, and also answers 409.
 */
@Service
class PoolClaims {

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

  /**
   * @param team which of the rep's teams a lead of the general pool joins; null for the rule of
   *     {@link #teamFor}
   */
  @Transactional
  Lead claim(long leadId, String rep, String team) {
    Lead lead = leads.lock(leadId);
    check(lead, rep);
    teamFor(lead, rep, team);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(leadId))
        .taskDefinitionKey(TASK_CLAIM_FROM_POOL).singleResult();
    if (task == null) {
      throw new ConflictException("Lead " + leadId + " has no open pool task");
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(rep)) {
      throw new ConflictException("Lead " + leadId + " is being claimed by " + task.getAssignee());
    }
    tasks.setAssignee(task.getId(), rep);
    Map<String, Object> variables = new HashMap<>();
    variables.put(CLAIM_TEAM, team);
    tasks.complete(task.getId(), variables); // RecordClaimantListener checks again, as for Tasklist
    return leads.get(leadId);
  }

  /**
   * Whether the rep may take the lead from the pool now: only a rep of its team (any rep for the
   * general pool), only while it is pooled, and only as the pool's rules allow.
   *
   * @throws NotAllowedException for someone who is no rep of the lead's team
   * @throws ConflictException for a lead no longer pooled, or a claim the pool's rules refuse
   */
  void check(Lead lead, String rep) {
    if (!directory.mayClaim(rep, lead.getTeam())) {
      throw new NotAllowedException(rep + " is not a rep of team " + lead.getTeam()
          + ": only its reps claim its leads");
    }
    if (!lead.isPooled()) {
      throw new ConflictException("Lead " + lead.getId() + " is not in the pool"
          + (lead.getOwner() != null ? ": " + lead.getOwner() + " owns it" : ""));
    }
    policy.checkClaim(lead, rep);
  }

  /**
   * The team the claimed lead belongs to from now on. A team's pool lead stays the team's (its
   * claimant is one of its reps). A lead of the general pool joins the claimant's team: the one the
   * claim names, or else the first of the claimant's teams by id; a rep of no team leaves it in
   * the general pool.
   *
   * @throws InvalidRequestException naming {@code team} if it is not one of the claimant's teams
   */
  String teamFor(Lead lead, String rep, String requested) {
    List<String> teams = directory.teamsOf(rep);
    if (!LeadRouting.POOL_TEAM.equals(lead.getTeam())) {
      if (requested != null && !requested.equals(lead.getTeam())) {
        throw new InvalidRequestException(List.of(new FieldProblem("team",
            "lead " + lead.getId() + " is a lead of team " + lead.getTeam() + " and stays one")));
      }
      return lead.getTeam();
    }
    if (requested != null) {
      if (!teams.contains(requested)) {
        throw new InvalidRequestException(List.of(new FieldProblem("team",
            rep + " is not in team " + requested + "; their teams: " + teams)));
      }
      return requested;
    }
    return teams.isEmpty() ? LeadRouting.POOL_TEAM : teams.get(0);
  }
}
