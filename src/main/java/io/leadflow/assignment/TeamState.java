package io.leadflow.assignment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A team's assignment state. Every assignment for the team locks this row first, so rotation and
 * counts are read and advanced by one transaction at a time, on any number of nodes.
 */
@Entity
@Table(name = "team_states")
class TeamState {

  @Id
  @Column(name = "team_id")
  private String teamId;

  private String lastAssignedUserId;
  private Instant updatedAt;

  protected TeamState() {}

  TeamState(String teamId) {
    this.teamId = teamId;
  }

  String getTeamId() { return teamId; }
  String getLastAssignedUserId() { return lastAssignedUserId; }

  void assigned(String userId, Instant at) {
    this.lastAssignedUserId = userId;
    this.updatedAt = at;
  }
}
