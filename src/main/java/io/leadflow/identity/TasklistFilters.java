package io.leadflow.identity;

import io.leadflow.system.Caller;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every rep and manager works from, and the roles' Camunda grants; made at
 * every start (in every profile) if missing. A filter an admin changed in Tasklist is kept.
 */
@Component
@Order(0)
class TasklistFilters implements ApplicationRunner {

  static final String MY_LEADS = "我的线索 / My leads";
  static final String POOL = "公海 / Pool";
  static final String DUE_SOON = "即将超时 / Due soon";
  static final String TEAM_TASKS = "团队任务 / Team tasks";
  static final String MY_TASKS = "我的待办 / My tasks";
  static final String TO_CLAIM = "待认领 / To claim";

  private final FilterService filters;
  private final TaskService tasks;
  private final Roles roles;

  TasklistFilters(FilterService filters, TaskService tasks, Roles roles) {
    this.filters = filters;
    this.tasks = tasks;
    this.roles = roles;
  }

  @Override
  public void run(ApplicationArguments args) {
    roles.grantRep(Caller.REPS);
    roles.grantManager(Caller.MANAGERS);
    roles.grantRep(Caller.STAFF);
    filter(MY_LEADS, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), -10,
        Caller.REPS);
    // Follow-ups due within four hours, or overdue.
    filter(DUE_SOON, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")
        .dueBeforeExpression("${dateTime().plusHours(4)}"), -5, Caller.REPS);
    // The pools of the caller's teams (and the general pool), not yet claimed.
    filter(POOL, tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned(), 0,
        Caller.REPS);
    // Everything the manager may see: their teams' follow-ups and pools.
    filter(TEAM_TASKS, tasks.createTaskQuery(), 5, Caller.MANAGERS);
    // Approvals assigned to the caller; help other teams' leads asked their group for.
    filter(MY_TASKS, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), -10,
        Caller.STAFF);
    filter(TO_CLAIM, tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned(), 0,
        Caller.STAFF);
  }

  private void filter(String name, TaskQuery query, int priority, String group) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name).setQuery(query)
          .setProperties(Map.of("priority", priority, "description", name, "refresh", true));
      filters.saveFilter(filter);
    }
    roles.grantFilterRead(group, filter.getId());
  }
}
