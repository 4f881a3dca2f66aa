package io.leadflow.notification;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A provider's call must end before the job that makes it loses its lock: Camunda runs a job
 * again once its lock expires (lock-time-in-millis), and a call still under way then would hold
 * the delivery's row lock for the re-run to wait on. So the HTTP channels' connect and read
 * timeouts together stay below the job lock, checked at start: LeadFlow refuses to start with
 * settings that break it. A job that sends many messages may still outlast its lock; the
 * delivery records make its re-run send nothing twice (Deliveries).
 */
@Component
class TimeoutsWithinJobLock {

  TimeoutsWithinJobLock(NotificationProperties properties,
      @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long lockMillis) {
    Duration call = properties.connectTimeout().plus(properties.readTimeout());
    if (call.toMillis() >= lockMillis) {
      throw new IllegalStateException("leadflow.notifications.connect-timeout + read-timeout ("
          + call.toMillis() + " ms) must stay below the job lock,"
          + " camunda.bpm.job-execution.lock-time-in-millis (" + lockMillis + " ms)");
    }
  }
}
