package io.leadflow.assignment;

/** How a team hands its leads out; the routing decision names one per team. */
public enum AssignmentStrategy {
  /** Strict rotation through the team's reps in user-id order. */
  ROUND_ROBIN,
  /** The rep with the fewest open leads. */
  LOAD_BALANCED,
  /** Leads in proportion to the reps' weights, over time. */
  WEIGHTED
}
