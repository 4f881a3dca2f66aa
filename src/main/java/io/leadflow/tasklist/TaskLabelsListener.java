package io.leadflow.tasklist;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.directory.PersonNames;
import io.leadflow.models.LeadRouting;
import io.leadflow.system.Labels;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On the creation of every LeadFlow task: its labels as task-local variables, which Tasklist shows
 * to whoever may see the task (the filters' columns: a rep may read the task's variables, not the
 * lead's process), and the description of what to do with which lead. As the end listener of
 * re-scoring it brings the lead's open tasks the new score.
 */
@Component("taskLabelsListener")
class TaskLabelsListener implements TaskListener, ExecutionListener {

  private final IdentityService identity;
  private final ZoneId zone;

  TaskLabelsListener(IdentityService identity,
      @Value("${leadflow.tasklist.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.identity = identity;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateTask task) {
    Date due = task.getDueDate(); // the follow-up's is its SLA
    local(task, LIST_COMPANY, task.getVariable(COMPANY));
    local(task, LIST_CONTACT, task.getVariable(LEAD_NAME));
    local(task, LIST_SCORE, task.getVariable(SCORE));
    local(task, LIST_REGION, task.getVariable(REGION));
    local(task, SLA_DUE_LABEL, due == null ? null : Labels.time(due.toInstant(), zone));
    local(task, PHONE_LABEL, Labels.phone((String) task.getVariable(PHONE)));
    local(task, POOL_REASON_LABEL,
        Labels.reason((String) task.getVariable(POOL_REASON), null));
    Object firstContact = task.getVariable(FIRST_CONTACT_AT);
    local(task, FIRST_CONTACT_LABEL, firstContact instanceof Date at
        ? Labels.time(at.toInstant(), zone) : null);
    // In the engine's name: a rep may not read groups and users.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      local(task, TEAM_LABEL, teamName((String) task.getVariable(TEAM)));
      local(task, OWNER_LABEL, personName((String) task.getVariable(OWNER)));
      return null;
    });
    String description = TaskDescriptions.of(task.getTaskDefinitionKey(), facts(task),
        (String) task.getVariableLocal(SLA_DUE_LABEL));
    if (description != null) {
      task.setDescription(description);
    }
  }

  /** Only what there is: Tasklist leaves a variable the task lacks out of its card. */
  private static void local(DelegateTask task, String name, Object value) {
    if (value != null) {
      task.setVariableLocal(name, value);
    }
  }

  /** Re-scored: the lead's open tasks show the new score. */
  @Override
  public void notify(DelegateExecution execution) {
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    Object score = execution.getVariable(SCORE);
    tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
        .forEach(task -> tasks.setVariableLocal(task.getId(), LIST_SCORE, score));
  }

  private static Map<String, Object> facts(DelegateTask task) {
    Map<String, Object> facts = new HashMap<>();
    for (String name : new String[] {COMPANY, LEAD_NAME, REGION, SCORE, SLA_DURATION}) {
      facts.put(name, task.getVariable(name));
    }
    return facts;
  }

  private String teamName(String team) {
    if (team == null) {
      return null;
    }
    if (LeadRouting.POOL_TEAM.equals(team)) {
      return Labels.GENERAL_POOL;
    }
    Group group = identity.createGroupQuery().groupId(team).singleResult();
    return group == null || group.getName() == null ? team : group.getName();
  }

  private String personName(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : PersonNames.display(user);
  }
}
