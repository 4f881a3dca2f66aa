package io.leadflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadflow.models.LeadRouting;
import io.leadflow.models.LeadScoring;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * The Camunda authorizations behind LeadFlow's roles. Granting is idempotent: a grant that
 * exists already is left alone, so this runs safely at every start.
 */
@Component
public class Roles {

  private final AuthorizationService authorizations;

  Roles(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** Everything on every resource. */
  public void grantAdmin(String groupId) {
    for (Resources resource : Resources.values()) {
      grant(groupId, resource, ANY, Permissions.ALL);
    }
  }

  /** Deploy and remove models from Camunda Modeler; read every definition and its history. */
  public void grantAnalyst(String groupId) {
    grant(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(groupId, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ,
        Permissions.DELETE);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(groupId, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
  }

  /** Work leads in Tasklist: their own tasks and the pool's come from the task's identity links. */
  public void grantRep(String groupId) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
  }

  /**
   * Watch the team's leads in Cockpit and Tasklist and reassign their tasks: the instances and
   * tasks themselves are granted to each manager as they come (GrantTeamManagersListener). Read
   * the routing and scoring tables and their decisions, and people's names.
   */
  public void grantManager(String groupId) {
    grant(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    // Why a lead was scored and routed as it was: the tables and their decision history (Camunda
    // keeps that history per table, so a manager reads it for every lead; the decisions' inputs
    // are the lead's score and facts such as region and industry, never a person or a contact).
    for (String decision : List.of(LeadRouting.DECISION_KEY, LeadScoring.DECISION_KEY)) {
      grant(groupId, Resources.DECISION_DEFINITION, decision, Permissions.READ,
          Permissions.READ_HISTORY);
    }
    // Who works a task: Tasklist and Cockpit show an assignee by name only to those who may
    // read the user (the profile: name and e-mail, as the company's directory has them).
    grant(groupId, Resources.USER, ANY, Permissions.READ);
  }

  /**
   * One team lead's process instance and a task just created in it, to one of the team's
   * managers. No grant of the new task can be in the database yet, only one made in the running
   * command, so that one is not looked for there.
   */
  void grantTeamLeadNewTask(String userId, String processInstanceId, String taskId) {
    grant(null, userId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    // Its history too (Cockpit's instance history and Human Tasks count historic tasks):
    // enableHistoricInstancePermissions in application.yaml.
    grant(null, userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
        HistoricProcessInstancePermissions.READ);
    grant(null, userId, Resources.TASK, taskId, false, Permissions.READ,
        TaskPermissions.TASK_ASSIGN);
  }

  public void grantFilterRead(String groupId, String filterId) {
    grant(groupId, Resources.FILTER, filterId, Permissions.READ);
  }

  private void grant(String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    grant(groupId, null, resource, resourceId, permissions);
  }

  private void grant(String groupId, String userId, Resource resource, String resourceId,
      Permission... permissions) {
    grant(groupId, userId, resource, resourceId, true, permissions);
  }

  private void grant(String groupId, String userId, Resource resource, String resourceId,
      boolean mayBeWritten, Permission... permissions) {
    // Camunda keeps one grant per group (or user), resource and id, holding all its permissions.
    Authorization pending = grantMadeInThisCommand(groupId, userId, resource, resourceId);
    if (pending != null) {
      // Written with the command; a second grant for the same user would break its unique key.
      for (Permission permission : permissions) {
        pending.addPermission(permission);
      }
      return;
    }
    Authorization grant = null;
    if (mayBeWritten) {
      var query = authorizations.createAuthorizationQuery().resourceType(resource)
          .resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT);
      grant = (groupId != null ? query.groupIdIn(groupId) : query.userIdIn(userId))
          .singleResult();
    }
    if (grant == null) {
      grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setUserId(userId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    } else if (Arrays.stream(permissions).allMatch(grant::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }

  /**
   * A grant the engine command that is running has made and not yet written, which no query
   * finds: the engine's own grant of a new task to its assignee, when the assignee is also one
   * of the team's managers (GrantTeamManagersListener runs in the same command).
   */
  private static Authorization grantMadeInThisCommand(String groupId, String userId,
      Resource resource, String resourceId) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return null;
    }
    for (AuthorizationEntity grant :
        command.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class)) {
      if (grant.getAuthorizationType() == AUTH_TYPE_GRANT
          && grant.getResourceType() == resource.resourceType()
          && resourceId.equals(grant.getResourceId())
          && Objects.equals(groupId, grant.getGroupId())
          && Objects.equals(userId, grant.getUserId())) {
        return grant;
      }
    }
    return null;
  }
}
