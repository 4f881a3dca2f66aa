package io.leadflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The order of a graceful shutdown (SIGTERM): first the web server stops taking requests and
 * lets those in flight finish (server.shutdown: graceful, bounded by
 * spring.lifecycle.timeout-per-shutdown-phase), so every intake under way is answered; then the
 * job executor stops acquiring jobs and waits for the jobs it runs, while the engine and its
 * database are still there. Jobs it had acquired and not started are unlocked by the executor's
 * shutdown; a node killed instead leaves its locks to expire (lock-time-in-millis), after which
 * another node runs them.
 */
@Component
class JobAcquisitionShutdown implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobAcquisitionShutdown.class);

  private final JobExecutor jobExecutor;
  private volatile boolean running;

  JobAcquisitionShutdown(ProcessEngine engine) {
    this.jobExecutor = jobExecutorOf(engine);
  }

  static JobExecutor jobExecutorOf(ProcessEngine engine) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (jobExecutor.isActive()) {
      log.info("Shutting down: the job executor stops acquiring jobs and finishes those it runs");
      jobExecutor.shutdown();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped right after the web server's graceful shutdown (which stops first). */
  @Override
  public int getPhase() {
    return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;
  }
}
