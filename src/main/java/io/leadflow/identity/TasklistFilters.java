package io.leadflow.identity;

import io.leadflow.models.LeadLifecycle;
import io.leadflow.system.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * every start (in every profile) if missing, and brought up to date if LeadFlow made them in an
 * earlier version. A filter an admin changed in Tasklist is kept. Each lists its tasks by SLA due
 * and shows which lead each is (COLUMNS).
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

  /**
   * The columns every filter shows, task-local labels of every LeadFlow task
   * (tasklist.TaskLabelsListener): Tasklist reads a task's own variables for whoever sees the task.
   */
  static final List<Map<String, String>> COLUMNS = List.of(
      column(LeadLifecycle.LIST_COMPANY, "公司 / Company"),
      column(LeadLifecycle.LIST_CONTACT, "联系人 / Contact"),
      column(LeadLifecycle.LIST_SCORE, "评分 / Score"),
      column(LeadLifecycle.LIST_REGION, "地区 / Region"),
      column(LeadLifecycle.SLA_DUE_LABEL, "跟进截止 / SLA due"));

  /**
   * The version of the filters LeadFlow makes, kept in their properties. Tasklist drops properties
   * it does not know when someone saves a filter there, so a filter with an older version (or none,
   * and never saved in Tasklist) is LeadFlow's own and is brought up to date; any other is kept.
   */
  static final String VERSION_PROPERTY = "leadflow";
  static final int VERSION = 2;

  private static Map<String, String> column(String name, String label) {
    return Map.of("name", name, "label", label);
  }

  @Override
  public void run(ApplicationArguments args) {
    roles.grantRep(Caller.REPS);
    roles.grantManager(Caller.MANAGERS);
    roles.grantRep(Caller.STAFF);
    filter(MY_LEADS, bySlaDue(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
        -10, Caller.REPS);
    // Follow-ups due within four hours, or overdue.
    filter(DUE_SOON, bySlaDue(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")
        .dueBeforeExpression("${dateTime().plusHours(4)}")), -5, Caller.REPS);
    // The pools of the caller's teams (and the general pool), not yet claimed.
    filter(POOL, bySlaDue(tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()), 0,
        Caller.REPS);
    // Everything the manager may see: their teams' follow-ups and pools.
    filter(TEAM_TASKS, bySlaDue(tasks.createTaskQuery()), 5, Caller.MANAGERS);
    // Approvals assigned to the caller; help other teams' leads asked their group for.
    filter(MY_TASKS, bySlaDue(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
        -10, Caller.STAFF);
    filter(TO_CLAIM, bySlaDue(tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()), 0,
        Caller.STAFF);
  }

  /**
   * Due first (the follow-up's due date is its SLA). Tasklist adds the order its sort menu shows
   * after this one, so it orders tasks due at the same time.
   */
  private static TaskQuery bySlaDue(TaskQuery query) {
    return query.orderByDueDate().asc();
  }

  private void filter(String name, TaskQuery query, int priority, String group) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("description", name);
    properties.put("refresh", true);
    properties.put("variables", COLUMNS);
    properties.put("showUndefinedVariable", false);
    properties.put(VERSION_PROPERTY, VERSION);
    if (filter == null) {
      filter = filters.newTaskFilter(name);
    } else if (!leadFlowsOwn(filter)) {
      roles.grantFilterRead(group, filter.getId());
      return;
    }
    filters.saveFilter(filter.setQuery(query).setProperties(properties));
    roles.grantFilterRead(group, filter.getId());
  }

  /** Made by LeadFlow and not changed in Tasklist since, in an older version than this one. */
  static boolean leadFlowsOwn(Filter filter) {
    Map<String, Object> properties = filter.getProperties();
    if (properties == null) {
      return false;
    }
    Object version = properties.get(VERSION_PROPERTY);
    if (version instanceof Number number) {
      return number.intValue() < VERSION;
    }
    // The first version had no marker: only its three properties, none of Tasklist's own.
    return Set.of("priority", "description", "refresh").equals(properties.keySet());
  }
}
