package io.leadflow.lead;

import java.time.Instant;

/**
 * Working time between two moments, as the follow-up SLAs count it (the lifecycle's working
 * calendar); the lead keeps its first response in it for the reports.
 */
public interface WorkingTime {

  /** The working seconds from one moment to a later one; null when SLAs count clock time. */
  Long workingSeconds(Instant from, Instant to);
}
