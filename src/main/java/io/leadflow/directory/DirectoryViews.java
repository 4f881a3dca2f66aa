package io.leadflow.directory;

import java.time.Instant;
import java.util.List;

/** What the directory API answers. */
final class DirectoryViews {

  private DirectoryViews() {}

  /**
   * A team: its managers (members of its group who are also in leadflow-managers) and its reps
   * (members of its group who have a rep profile), by user id.
   */
  record TeamView(String id, String name, List<String> managers, List<String> reps) {}

  /**
   * A rep: the Camunda user, their teams, their LeadFlow profile and contacts. {@code available}
   * is active and not out of office now (a full rep is available but skipped while full:
   * compare {@code openLeads} with {@code maxOpenLeads}).
   */
  record RepView(String id, String firstName, String lastName, String email, List<String> teams,
      boolean active, Instant outOfOfficeFrom, Instant outOfOfficeUntil, boolean available,
      Integer maxOpenLeads, long openLeads, int weight, List<String> skills, List<String> regions,
      String locale, String mobile, String dingTalkUserId, String weComUserId) {}
}
