package io.leadflow.notification;

import io.leadflow.models.LeadsDigest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendDigests in LeadsDigest: sends the batch's pending digests, in a job of its own. A
 * failure fails the job, which Camunda retries (R5/PT1M) and then turns into an incident naming
 * each channel, recipient and error; what went out is not sent again.
 */
@Component("digestDelegate")
class DigestDelegate implements JavaDelegate {

  private final Deliveries deliveries;

  DigestDelegate(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    deliveries.deliverDigests((String) execution.getVariable(LeadsDigest.BATCH));
  }
}
