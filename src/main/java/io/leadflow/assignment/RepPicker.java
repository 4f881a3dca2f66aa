package io.leadflow.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The three strategies, as pure functions of the team's state. Deterministic: the same state
 * always picks the same rep, and every tie is broken by user id.
 */
final class RepPicker {

  private RepPicker() {}

  /**
   * A rep of the team as the assignment sees them.
   *
   * @param skipReason why the rep cannot take a lead now (SKIPPED_UNAVAILABLE, ...), null if able
   */
  record Candidate(String userId, String skipReason, long openLeads, long assignedCount,
      int weight) {
    boolean eligible() {
      return skipReason == null;
    }

    String skip() {
      return skipReason + ": " + userId;
    }
  }

  /** The chosen rep (null if none) and the reps passed over, as "REASON: user". */
  record Pick(String userId, List<String> skipped) {}

  /** @param team the team's reps, in any order */
  static Pick pick(AssignmentStrategy strategy, List<Candidate> team, String lastAssigned) {
    // Sorted here, in Java's order: the database's order depends on its collation (en_US puts
    // "alice" before "Bob" and ignores dots), and rotation must compare ids the same way.
    List<Candidate> candidates = team.stream().sorted(Comparator.comparing(Candidate::userId))
        .toList();
    return switch (strategy) {
      case ROUND_ROBIN -> roundRobin(candidates, lastAssigned);
      case LOAD_BALANCED -> best(candidates, Comparator
          .comparingLong(Candidate::openLeads)
          .thenComparingLong(Candidate::assignedCount)
          .thenComparing(Candidate::userId));
      case WEIGHTED -> weighted(candidates);
    };
  }

  /**
   * The next eligible rep after the last one assigned, in user-id order, wrapping around. Reps
   * passed over on the way are recorded. Keyed by user id rather than position, so a rep joining
   * or leaving the team does not make anyone lose their turn.
   */
  private static Pick roundRobin(List<Candidate> candidates, String lastAssigned) {
    int start = 0;
    if (lastAssigned != null) {
      start = candidates.size();
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.get(i).userId().compareTo(lastAssigned) > 0) {
          start = i;
          break;
        }
      }
    }
    List<String> skipped = new ArrayList<>();
    for (int step = 0; step < candidates.size(); step++) {
      Candidate candidate = candidates.get((start + step) % candidates.size());
      if (candidate.eligible()) {
        return new Pick(candidate.userId(), skipped);
      }
      skipped.add(candidate.skip());
    }
    return new Pick(null, skipped);
  }

  /**
   * Weighted fairness: the eligible rep whose share so far lies furthest below their weight, that
   * is the smallest (assigned + 1) / weight, compared exactly by cross-multiplying. With weights
   * 2:1:1 every run of four leads goes 2/1/1. A weight of 0 takes no leads.
   */
  private static Pick weighted(List<Candidate> candidates) {
    List<Candidate> withWeight = candidates.stream()
        .map(c -> c.eligible() && c.weight() <= 0
            ? new Candidate(c.userId(), "SKIPPED_ZERO_WEIGHT", c.openLeads(), c.assignedCount(),
                c.weight())
            : c)
        .toList();
    return best(withWeight, (a, b) -> {
      int byShare = Long.compare((a.assignedCount() + 1) * b.weight(),
          (b.assignedCount() + 1) * a.weight());
      return byShare != 0 ? byShare : a.userId().compareTo(b.userId());
    });
  }

  private static Pick best(List<Candidate> candidates, Comparator<Candidate> order) {
    List<String> skipped = candidates.stream().filter(c -> !c.eligible()).map(Candidate::skip)
        .toList();
    String chosen = candidates.stream().filter(Candidate::eligible).min(order)
        .map(Candidate::userId).orElse(null);
    return new Pick(chosen, skipped);
  }
}
