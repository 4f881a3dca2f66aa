package io.leadflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges of the engine's work, read from the database when Prometheus scrapes (the whole
 * cluster's, since the jobs and incidents are shared): jobs due and waiting for an executor
 * (the backlog: SLA timers, notifications), jobs whose last run failed (retrying or out of
 * retries), and open incidents (jobs out of retries, which need an operator in Cockpit). While
 * the database is unreachable they read NaN.
 */
@Component
class EngineMetrics {

  private static final Logger log = LoggerFactory.getLogger(EngineMetrics.class);

  EngineMetrics(MeterRegistry registry, ManagementService management, RuntimeService runtime) {
    gauge(registry, "leadflow.jobs.backlog", "Jobs due now and not yet run",
        () -> management.createJobQuery().executable().count());
    gauge(registry, "leadflow.jobs.failed", "Jobs whose last run failed (retrying or not)",
        () -> management.createJobQuery().withException().count());
    gauge(registry, "leadflow.incidents.open", "Open incidents (failed jobs out of retries)",
        () -> runtime.createIncidentQuery().count());
  }

  private static void gauge(MeterRegistry registry, String name, String description,
      LongSupplier count) {
    Gauge.builder(name, () -> {
      try {
        return count.getAsLong();
      } catch (RuntimeException e) {
        log.debug("{} unreadable: {}", name, e.toString());
        return Double.NaN;
      }
    }).description(description).register(registry);
  }
}
