package io.leadflow.assignment;

import io.leadflow.directory.RepProfile;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.lead.Leads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The assignment as a back-test asks it: which rep of a team would get one more lead, by the
 * team's strategy ({@link RepPicker}, the same choice the real assignment makes), with the reps'
 * availability, capacity, open leads, weights and the team's rotation as they are now. Nothing
 * is locked or written: each simulation keeps what it handed out in memory.
 */
@Component
public class SimulatedAssignments {

  private final TeamDirectory directory;
  private final TeamStateRepository teamStates;
  private final TeamRepCounterRepository counters;
  private final Leads leads;
  private final Clock clock;

  SimulatedAssignments(TeamDirectory directory, TeamStateRepository teamStates,
      TeamRepCounterRepository counters, Leads leads, Clock clock) {
    this.directory = directory;
    this.teamStates = teamStates;
    this.counters = counters;
    this.leads = leads;
    this.clock = clock;
  }

  /** A fresh simulation, starting from the teams as they are now. */
  public Simulation start() {
    return new Simulation(clock.instant());
  }

  /** One back-test's assignments; for one thread. */
  public final class Simulation {
    private final Instant now;
    private final Map<String, SimulatedTeam> teams = new HashMap<>();

    private Simulation(Instant now) {
      this.now = now;
    }

    /** The rep who would get one more lead of this team, or null if nobody is eligible. */
    public String pick(String teamId, AssignmentStrategy strategy) {
      SimulatedTeam team = teams.computeIfAbsent(teamId, this::load);
      RepPicker.Pick pick = RepPicker.pick(strategy, team.candidates(), team.last);
      if (pick.userId() != null) {
        team.handOut(pick.userId());
      }
      return pick.userId();
    }

    private SimulatedTeam load(String teamId) {
      List<String> members = directory.membersOf(teamId);
      Map<String, RepProfile> reps = new HashMap<>();
      directory.profiles(members).forEach(p -> reps.put(p.getUserId(), p));
      Map<String, Long> open = new HashMap<>(leads.openLeadCounts(reps.keySet()));
      Map<String, Long> assigned = new HashMap<>();
      counters.findByTeam(teamId).forEach(c -> assigned.put(c.userId(), c.getAssignedCount()));
      String last = teamStates.findById(teamId).map(TeamState::getLastAssignedUserId)
          .orElse(null);
      return new SimulatedTeam(reps, open, assigned, last, now);
    }
  }

  private static final class SimulatedTeam {
    private final Map<String, RepProfile> reps;
    private final Map<String, Long> open;
    private final Map<String, Long> assigned;
    private final Instant now;
    private String last;
    private List<RepPicker.Candidate> candidates;

    SimulatedTeam(Map<String, RepProfile> reps, Map<String, Long> open,
        Map<String, Long> assigned, String last, Instant now) {
      this.now = now;
      this.reps = reps;
      this.open = open;
      this.assigned = assigned;
      this.last = last;
    }

    List<RepPicker.Candidate> candidates() {
      if (candidates == null) {
        candidates = new ArrayList<>();
        for (RepProfile rep : reps.values()) {
          long openLeads = open.getOrDefault(rep.getUserId(), 0L);
          candidates.add(Assignments.candidate(rep, openLeads,
              assigned.getOrDefault(rep.getUserId(), 0L), now));
        }
      }
      return candidates;
    }

    void handOut(String userId) {
      last = userId;
      open.merge(userId, 1L, Long::sum);
      assigned.merge(userId, 1L, Long::sum);
      RepProfile rep = reps.get(userId);
      long openLeads = open.get(userId);
      List<RepPicker.Candidate> next = new ArrayList<>(candidates.size());
      for (RepPicker.Candidate c : candidates) {
        next.add(c.userId().equals(userId)
            ? Assignments.candidate(rep, openLeads, assigned.get(userId), now) : c);
      }
      candidates = next;
    }
  }
}
