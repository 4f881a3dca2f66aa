package io.leadflow.collaboration;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Leads;
import io.leadflow.models.LeadCollaboration;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Task_Collaborate: created, it is noted on the lead (which tag asked which team for what);
 * completed, the lead's owner hears what the other team delivered.
 */
@Component("collaborationTaskListener")
class CollaborationTaskListener implements TaskListener {

  private final Leads leads;

  CollaborationTaskListener(Leads leads) {
    this.leads = leads;
  }

  @Override
  public void notify(DelegateTask task) {
    long leadId = leadId(task);
    String name = (String) task.getVariable(COLLABORATION_TASK);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rule = (Map<String, Object>) task.getVariable(COLLABORATION);
      leads.collaborationAsked(leadId, (String) task.getVariable(TAG),
          String.valueOf(rule.get(LeadCollaboration.COLLABORATION_TEAM)), name);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      String by = task.getAssignee() != null ? task.getAssignee()
          : Context.getCommandContext().getAuthenticatedUserId();
      Object link = task.getVariable(COLLABORATION_LINK);
      Object result = task.getVariable(COLLABORATION_RESULT);
      String text = (result == null ? "" : result.toString().trim())
          + (link == null || link.toString().isBlank() ? "" : " " + link.toString().trim());
      leads.collaborationDone(leadId, name, by, text);
    }
  }
}
