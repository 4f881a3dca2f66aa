package io.leadflow.assignment;

import io.leadflow.directory.TeamDirectory.TeamEnsured;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every team gets its assignment state row when it is made, so that the first leads of a new team,
 * arriving together, queue on that row instead of racing to insert it.
 */
@Component
class TeamStates {

  private final TeamStateRepository states;

  TeamStates(TeamStateRepository states) {
    this.states = states;
  }

  @EventListener
  void on(TeamEnsured team) {
    if (!states.existsById(team.teamId())) {
      states.save(new TeamState(team.teamId()));
    }
  }
}
