package io.leadflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.IncidentQuery;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes the figures Cockpit shows count only what the user may see.
 *
 * <p>Camunda 7's statistics queries check READ on the process definition only and then count every
 * instance, incident and failed job of it; its task report needs READ on all tasks. A manager, who
 * may read only their teams' instances and tasks, saw "12 running instances" on the dashboard and 7
 * in the list, and an error on Human Tasks. This filter answers those four calls (as Cockpit and
 * {@code /engine-rest} make them) from the engine's authorized queries instead, under the same
 * authentication: the instance, incident and job counts of each definition the original answer
 * listed, and the unassigned tasks per group the user can see. Everything else of the original
 * answer is kept, and a user who may read every instance of a definition (every task, for the
 * report) gets Camunda's own answer.
 *
 * <p>The user is the one the REST API's authentication (which runs before this filter) set on the
 * engine, or for Cockpit's own calls the login in the webapps' session; without one the call
 * passes through.
 */
class VisibleCockpitFigures extends OncePerRequestFilter {

  /** Process definition statistics: engine REST (/engine-rest, Cockpit's /camunda/api/engine). */
  private static final Pattern DEFINITION_STATISTICS =
      Pattern.compile(".*/process-definition/statistics/?");
  /** The same per definition key, as Cockpit's Processes page lists them. */
  private static final Pattern COCKPIT_DEFINITION_STATISTICS =
      Pattern.compile("/camunda/api/cockpit/plugin/base/[^/]+/process-definition/statistics/?");
  /** The counts per activity drawn on a definition's diagram. */
  private static final Pattern ACTIVITY_STATISTICS =
      Pattern.compile(".*/process-definition/([^/]+)/statistics/?");
  /** Cockpit's calls, with the name of the engine they go to. */
  private static final Pattern WEBAPP_ENGINE =
      Pattern.compile("/camunda/api/(?:engine/engine|cockpit/plugin/base)/([^/]+)/.*");
  /** Unassigned tasks per candidate group, Cockpit's Human Tasks page. */
  private static final Pattern TASKS_BY_GROUP =
      Pattern.compile(".*/task/report/candidate-group-count/?");

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final TaskService tasks;
  private final ObjectMapper json;

  VisibleCockpitFigures(IdentityService identity, AuthorizationService authorizations,
      RepositoryService repository, RuntimeService runtime, ManagementService management,
      TaskService tasks, ObjectMapper json) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.tasks = tasks;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return !HttpMethod.GET.matches(request.getMethod())
        || !(DEFINITION_STATISTICS.matcher(path).matches()
            || ACTIVITY_STATISTICS.matcher(path).matches()
            || TASKS_BY_GROUP.matcher(path).matches());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Authentication engineUser = identity.getCurrentAuthentication();
    Authentication user = engineUser != null ? engineUser : webappUser(request);
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    try {
      answer(request, response, chain, user);
    } finally {
      if (engineUser == null) {
        identity.clearAuthentication();
      }
    }
  }

  /**
   * The webapps (Cockpit's /camunda/api) authenticate their calls in a filter that runs after this
   * one, from the login kept in the session: the same login, for the engine named in the path.
   */
  private static Authentication webappUser(HttpServletRequest request) {
    Matcher engine = WEBAPP_ENGINE.matcher(path(request));
    HttpSession session = request.getSession(false);
    if (!engine.matches() || session == null) {
      return null;
    }
    Authentications logins = AuthenticationUtil.getAuthsFromSession(session);
    Object login = logins == null ? null
        : logins.getAuthenticationForProcessEngine(engine.group(1));
    return login instanceof UserAuthentication user
        ? new Authentication(user.getIdentityId(), user.getGroupIds(), user.getTenantIds())
        : null;
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      Authentication user) throws ServletException, IOException {
    String path = path(request);
    if (TASKS_BY_GROUP.matcher(path).matches()) {
      identity.setAuthentication(user);
      if (acceptsJson(request) && !authorized(user, Permissions.READ, Resources.TASK, ANY)) {
        writeJson(response, tasksByGroup(user));
      } else {
        chain.doFilter(request, response);
      }
      return;
    }
    ContentCachingResponseWrapper original = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, original);
    identity.setAuthentication(user); // the webapps' filter has cleared its own by now
    if (original.getStatus() != HttpStatus.OK.value()) {
      original.copyBodyToResponse();
      return;
    }
    JsonNode body = json.readTree(original.getContentAsByteArray());
    if (!(body instanceof ArrayNode rows)) {
      original.copyBodyToResponse();
      return;
    }
    Matcher activity = ACTIVITY_STATISTICS.matcher(path);
    if (COCKPIT_DEFINITION_STATISTICS.matcher(path).matches()) {
      rows.forEach(row -> {
        if (!readsAllInstances(user, row.path("key").asText())) {
          countPerKey((ObjectNode) row);
        }
      });
    } else if (DEFINITION_STATISTICS.matcher(path).matches()) {
      rows.forEach(row -> {
        if (!readsAllInstances(user, row.path("definition").path("key").asText())) {
          countPerDefinition((ObjectNode) row, request);
        }
      });
    } else if (activity.matches()) {
      String definitionId = activity.group(1);
      if (readsAllInstances(user, repository.getProcessDefinition(definitionId).getKey())) {
        original.copyBodyToResponse();
        return;
      }
      rows.forEach(row -> countPerActivity(definitionId, (ObjectNode) row, request));
      rows.removeIf(row -> row.path("instances").asLong() == 0
          && row.path("failedJobs").asLong(0) == 0 && row.path("incidents").isEmpty());
    }
    original.resetBuffer();
    writeJson(response, rows);
  }

  /** May this user read every instance of the definitions with this key (so counts are right)? */
  private boolean readsAllInstances(Authentication user, String key) {
    return authorized(user, Permissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, key);
  }

  private boolean authorized(Authentication user, Permission permission, Resource resource,
      String resourceId) {
    return authorizations.isUserAuthorized(user.getUserId(), user.getGroupIds(), permission,
        resource, resourceId);
  }

  private void countPerKey(ObjectNode row) {
    String key = row.path("key").asText();
    row.put("instances", runtime.createProcessInstanceQuery().processDefinitionKey(key).count());
    row.put("incidents", runtime.createIncidentQuery().processDefinitionKeyIn(key).count());
  }

  private void countPerDefinition(ObjectNode row, HttpServletRequest request) {
    String definitionId = row.path("id").asText();
    row.put("instances",
        runtime.createProcessInstanceQuery().processDefinitionId(definitionId).count());
    if (row.has("failedJobs")) {
      row.put("failedJobs", management.createJobQuery().processDefinitionId(definitionId)
          .noRetriesLeft().count());
    }
    if (row.has("incidents")) {
      row.set("incidents",
          incidents(runtime.createIncidentQuery().processDefinitionId(definitionId), request));
    }
  }

  private void countPerActivity(String definitionId, ObjectNode row, HttpServletRequest request) {
    String activityId = row.path("id").asText();
    row.put("instances", runtime.createExecutionQuery().processDefinitionId(definitionId)
        .activityId(activityId).count());
    if (row.has("failedJobs")) {
      row.put("failedJobs", management.createJobQuery().processDefinitionId(definitionId)
          .activityId(activityId).noRetriesLeft().count());
    }
    if (row.has("incidents")) {
      row.set("incidents", incidents(runtime.createIncidentQuery()
          .processDefinitionId(definitionId).activityId(activityId), request));
    }
  }

  /**
   * The incidents by type, as the statistics give them: all, only root causes
   * ({@code rootIncidents=true}) or of one type ({@code incidentsForType}).
   */
  private ArrayNode incidents(IncidentQuery query, HttpServletRequest request) {
    String type = request.getParameter("incidentsForType");
    if (type != null) {
      query.incidentType(type);
    }
    Predicate<Incident> counted = "true".equals(request.getParameter("rootIncidents"))
        ? incident -> incident.getId().equals(incident.getRootCauseIncidentId())
        : incident -> true;
    Map<String, Integer> byType = new TreeMap<>();
    query.list().stream().filter(counted)
        .forEach(incident -> byType.merge(incident.getIncidentType(), 1, Integer::sum));
    ArrayNode incidents = json.createArrayNode();
    byType.forEach((incidentType, count) -> incidents.addObject()
        .put("incidentType", incidentType).put("incidentCount", count));
    return incidents;
  }

  /**
   * Unassigned tasks per candidate group (null: of no group), counting only the tasks this user
   * may read. The groups are those with unassigned tasks at all, read without the user's
   * authentication; a group none of whose tasks the user may read is left out.
   */
  private ArrayNode tasksByGroup(Authentication user) {
    List<TaskCountByCandidateGroupResult> all;
    identity.clearAuthentication();
    try {
      all = tasks.createTaskReport().taskCountByCandidateGroup();
    } finally {
      identity.setAuthentication(user);
    }
    ArrayNode rows = json.createArrayNode();
    for (TaskCountByCandidateGroupResult group : all) {
      long visible = group.getGroupName() == null
          ? tasks.createTaskQuery().taskUnassigned().withoutCandidateGroups().count()
          : tasks.createTaskQuery().taskCandidateGroup(group.getGroupName()).count();
      if (visible > 0) {
        rows.addObject().put("groupName", group.getGroupName()).put("taskCount", visible);
      }
    }
    return rows;
  }

  private boolean acceptsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept == null || accept.contains("json") || accept.contains("*/*");
  }

  private void writeJson(HttpServletResponse response, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
