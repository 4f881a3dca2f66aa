package io.leadflow.directory;

import io.leadflow.lead.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What LeadFlow knows about a rep beyond Camunda's user directory: whether they take leads now,
 * how many they may hold, and their share in weighted teams. A Camunda user without a profile is
 * not a rep (a manager, an analyst) and is never assigned leads.
 */
@Entity
@Table(name = "rep_profiles")
public class RepProfile {

  @Id
  @Column(name = "user_id")
  private String userId;

  private boolean active = true;
  private Instant outOfOfficeFrom;
  private Instant outOfOfficeUntil;
  /** At most this many open leads; null means no limit. */
  private Integer maxOpenLeads;
  private int weight = 1;
  /** What the rep knows (products, industries, languages): free labels, kept in order. */
  @Convert(converter = JsonColumns.StringList.class)
  private List<String> skills = new ArrayList<>();
  /** Where the rep sells: free labels, kept in order. */
  @Convert(converter = JsonColumns.StringList.class)
  private List<String> regions = new ArrayList<>();

  @Version private long version;

  protected RepProfile() {}

  public RepProfile(String userId) {
    this.userId = userId;
  }

  /** Active and not out of office at this moment (capacity aside). */
  public boolean isAvailable(Instant now) {
    return active && !isOutOfOffice(now);
  }

  /** Out of office at this moment: from (inclusive) until (exclusive); an open end never ends. */
  public boolean isOutOfOffice(Instant now) {
    boolean started = outOfOfficeFrom != null && !now.isBefore(outOfOfficeFrom);
    boolean ended = outOfOfficeUntil != null && !now.isBefore(outOfOfficeUntil);
    return started && !ended;
  }

  public String getUserId() { return userId; }
  public boolean isActive() { return active; }
  public RepProfile setActive(boolean active) { this.active = active; return this; }
  public Instant getOutOfOfficeFrom() { return outOfOfficeFrom; }
  public Instant getOutOfOfficeUntil() { return outOfOfficeUntil; }
  public RepProfile setOutOfOffice(Instant from, Instant until) {
    this.outOfOfficeFrom = from;
    this.outOfOfficeUntil = until;
    return this;
  }
  public Integer getMaxOpenLeads() { return maxOpenLeads; }
  public RepProfile setMaxOpenLeads(Integer maxOpenLeads) { this.maxOpenLeads = maxOpenLeads; return this; }
  public int getWeight() { return weight; }
  public RepProfile setWeight(int weight) {
    if (weight < 0) throw new IllegalArgumentException("weight must not be negative");
    this.weight = weight;
    return this;
  }
  public List<String> getSkills() { return List.copyOf(skills); }
  public RepProfile setSkills(List<String> skills) { this.skills = new ArrayList<>(skills); return this; }
  public List<String> getRegions() { return List.copyOf(regions); }
  public RepProfile setRegions(List<String> regions) { this.regions = new ArrayList<>(regions); return this; }
}
