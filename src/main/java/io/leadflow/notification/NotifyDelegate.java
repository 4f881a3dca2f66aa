package io.leadflow.notification;

import static io.leadflow.models.LeadLifecycle.NOTIFICATION_EVENT;
import static io.leadflow.models.LeadLifecycle.leadId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_Notify*: sends the lead's pending notifications of the task's event (its input
 * notificationEvent). The tasks are asynchronous, so sending never delays or rolls back the
 * assignment; a failure fails the job, which Camunda retries (failedJobRetryTimeCycle) and then
 * turns into an incident whose message names each channel, recipient and error.
 */
@Component("notifyDelegate")
class NotifyDelegate implements JavaDelegate {

  private final Deliveries deliveries;

  NotifyDelegate(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = leadId(execution);
    NotificationEvent event =
        NotificationEvent.valueOf((String) execution.getVariable(NOTIFICATION_EVENT));
    deliveries.deliver(leadId, event);
  }
}
