package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.collaboration.CollaborationRules;
import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Starts a new lead's LeadLifecycle, in the intake's transaction. */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Lifecycles {

  private final RuntimeService runtime;
  private final Leads leads;
  private final CollaborationRules collaboration;

  Lifecycles(RuntimeService runtime, Leads leads, CollaborationRules collaboration) {
    this.runtime = runtime;
    this.leads = leads;
    this.collaboration = collaboration;
  }

  /**
   * Scoring, routing and assignment run inside this start (the process has no wait state before
   * the follow-up task); then tags that ask other teams for help start their collaboration.
   */
  public void start(Lead lead, Instant now) {
    // Asked before the process starts: the assignment in it locks the team's row until commit.
    List<String> askingForHelp = collaboration.tagsAskingForHelp(lead.getTags());
    String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY,
        lead.getId().toString(), LifecycleVariables.forNewLead(lead.getId(), lead.facts(), now))
        .getId();
    leads.attachProcess(lead, processInstanceId);
    if (!askingForHelp.isEmpty()) {
      // Tags may ask other teams for help (SubProcess_Tagged), as tags added later do.
      runtime.createMessageCorrelation(MESSAGE_TAGGED).processInstanceId(processInstanceId)
          .setVariable(NEW_TAGS, new ArrayList<>(askingForHelp)).correlateWithResult();
    }
  }
}
