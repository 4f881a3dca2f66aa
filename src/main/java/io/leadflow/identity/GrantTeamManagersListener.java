package io.leadflow.identity;

import static io.leadflow.models.LeadLifecycle.TEAM;
import static io.leadflow.models.LeadRouting.POOL_TEAM;

import io.leadflow.directory.TeamDirectory;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * On every follow-up and pool task: the team's managers may read it and its process instance
 * (Cockpit, Tasklist) and give it to another rep. Granted per user at the task's creation, in the
 * engine's name (the rep whose action created the task may not grant anything). A manager who
 * joins later sees the tasks created from then on.
 */
@Component("grantTeamManagersListener")
class GrantTeamManagersListener implements TaskListener {

  private final TeamDirectory directory;
  private final Roles roles;

  GrantTeamManagersListener(TeamDirectory directory, Roles roles) {
    this.directory = directory;
    this.roles = roles;
  }

  @Override
  public void notify(DelegateTask task) {
    String team = (String) task.getVariable(TEAM);
    if (team == null || POOL_TEAM.equals(team)) {
      return;
    }
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String manager : directory.managersOf(team)) {
        roles.grantTeamLeadNewTask(manager, task.getProcessInstanceId(), task.getId());
      }
      return null;
    });
  }
}
