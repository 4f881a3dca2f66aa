package io.leadflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of the job executor ("jobExecution"), which runs the SLA timers and sends the
 * notifications: DOWN when it should run and does not (stopped, or shutting down); UP when it
 * runs, and also on a node where it is switched off by configuration
 * (camunda.bpm.job-execution.enabled=false: a node that only serves requests), which says so.
 */
@Component("jobExecutionHealthIndicator")
class JobExecutionHealth extends AbstractHealthIndicator {

  private final JobExecutor jobExecutor;
  private final boolean enabled;

  JobExecutionHealth(ProcessEngine engine,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
    super("Job executor health check failed");
    this.jobExecutor = JobAcquisitionShutdown.jobExecutorOf(engine);
    this.enabled = enabled;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    if (!enabled) {
      health.up().withDetail("jobExecution", "switched off on this node by configuration");
    } else if (jobExecutor != null && jobExecutor.isActive()) {
      health.up().withDetail("lockOwner", jobExecutor.getLockOwner())
          .withDetail("lockTimeMillis", jobExecutor.getLockTimeInMillis());
    } else {
      health.down().withDetail("jobExecution", "not running: no timers fire, nothing is sent");
    }
  }
}
