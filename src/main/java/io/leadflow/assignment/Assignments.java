package io.leadflow.assignment;

import io.leadflow.directory.RepProfile;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.lead.Leads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Picks the rep of a team who gets a lead. Fairness is a database fact: the team's state row and
 * then its reps' profile rows are locked (always in that order, reps by user id) before the
 * rotation pointer, open-lead counts and assignment counters are read, and all are advanced in the
 * same transaction as the assignment itself. Concurrent leads for a team therefore queue on the
 * team's row, on one node or many.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class Assignments {

  /** The result: the owner (null if nobody was eligible) and the reason, for the lead's history. */
  public record Assignment(String owner, String reason) {}

  public static final String NO_ELIGIBLE_REP = Leads.NO_ELIGIBLE_REP;

  private final TeamDirectory directory;
  private final TeamStateRepository teamStates;
  private final TeamRepCounterRepository counters;
  private final Leads leads;
  private final Clock clock;

  Assignments(TeamDirectory directory, TeamStateRepository teamStates,
      TeamRepCounterRepository counters, Leads leads, Clock clock) {
    this.directory = directory;
    this.teamStates = teamStates;
    this.counters = counters;
    this.leads = leads;
    this.clock = clock;
  }

  public Assignment assign(String teamId, AssignmentStrategy strategy) {
    Instant now = clock.instant();
    TeamState team = teamStates.lock(teamId).orElseGet(() -> teamStates.saveAndFlush(
        new TeamState(teamId)));
    List<String> members = directory.membersOf(teamId);
    List<RepProfile> reps = directory.lockProfiles(members);
    Map<String, Long> open = leads.openLeadCounts(reps.stream().map(RepProfile::getUserId).toList());
    Map<String, TeamRepCounter> assigned = counters.findByTeam(teamId).stream()
        .collect(Collectors.toMap(TeamRepCounter::userId, Function.identity()));

    List<RepPicker.Candidate> candidates = new ArrayList<>();
    for (RepProfile rep : reps) {
      long openLeads = open.getOrDefault(rep.getUserId(), 0L);
      TeamRepCounter counter = assigned.get(rep.getUserId());
      candidates.add(candidate(rep, openLeads, counter == null ? 0 : counter.getAssignedCount(),
          now));
    }
    RepPicker.Pick pick = RepPicker.pick(strategy, candidates, team.getLastAssignedUserId());

    List<String> reason = new ArrayList<>();
    if (pick.userId() == null) {
      reason.add(reps.isEmpty() ? NO_ELIGIBLE_REP + " (team " + teamId + " has no reps)"
          : NO_ELIGIBLE_REP);
      reason.addAll(pick.skipped());
      return new Assignment(null, String.join("; ", reason));
    }
    team.assigned(pick.userId(), now);
    counters.save(assigned.getOrDefault(pick.userId(), new TeamRepCounter(teamId, pick.userId())))
        .increment();
    reason.add(strategy.name());
    reason.addAll(pick.skipped());
    return new Assignment(pick.userId(), String.join("; ", reason));
  }

  /** The rep as the strategies see them, with why they cannot take a lead now (or null). */
  static RepPicker.Candidate candidate(RepProfile rep, long openLeads, long assigned,
      Instant now) {
    return new RepPicker.Candidate(rep.getUserId(), skipReason(rep, openLeads, now), openLeads,
        assigned, rep.getWeight());
  }

  private static String skipReason(RepProfile rep, long openLeads, Instant now) {
    if (!rep.isActive()) {
      return "SKIPPED_UNAVAILABLE";
    }
    if (rep.isOutOfOffice(now)) {
      return "SKIPPED_OUT_OF_OFFICE";
    }
    if (rep.getMaxOpenLeads() != null && openLeads >= rep.getMaxOpenLeads()) {
      return "SKIPPED_FULL";
    }
    return null;
  }
}
