package io.leadflow.assignment;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** How many leads a team has given a rep, ever: the basis of weighted fairness. */
@Entity
@Table(name = "team_rep_counters")
class TeamRepCounter {

  @Embeddable
  record Key(@Column(name = "team_id") String teamId, @Column(name = "user_id") String userId)
      implements Serializable {}

  @EmbeddedId private Key id;

  private long assignedCount;

  protected TeamRepCounter() {}

  TeamRepCounter(String teamId, String userId) {
    this.id = new Key(teamId, userId);
  }

  String userId() { return id.userId(); }
  long getAssignedCount() { return assignedCount; }
  void increment() { assignedCount++; }
}
