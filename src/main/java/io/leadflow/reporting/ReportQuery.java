package io.leadflow.reporting;

import io.leadflow.lead.LeadSource;
import io.leadflow.system.Caller;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotAllowedException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a report is asked for: the leads created from {@code from} (inclusive) to {@code to}
 * (exclusive), filtered by team, source and rep, grouped by a dimension, and limited to what the
 * caller may see (the scope).
 *
 * @param scopeTeams the teams a manager sees (null: no limit by team)
 * @param scopeRep the rep whose own figures are all a rep sees (null: no limit by rep)
 */
record ReportQuery(Instant from, Instant to, String team, LeadSource source, String rep,
    Dimension groupBy, Set<String> scopeTeams, String scopeRep, ZoneId zone) {

  /** The longest window a report covers. */
  static final Duration MAX_WINDOW = Duration.ofDays(400);
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

  /** What a report's rows are grouped by. */
  enum Dimension {
    ALL, DAY, SOURCE, TEAM, REP, RULE;

    static Dimension parse(String text, Dimension fallback, List<FieldProblem> problems) {
      if (text == null || text.isBlank()) {
        return fallback;
      }
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("groupBy", "must be one of all, day, source, team, rep, rule"));
        return fallback;
      }
    }
  }

  /**
   * The query of a request's parameters, for this caller: 400 naming the field for a bad one, 403
   * for a caller who sees no reports or asks for a team or rep not theirs.
   *
   * @param from a day (yyyy-MM-dd, from its start in the calendar's zone) or an instant; default
   *     30 days before {@code to}
   * @param to a day (up to its end, inclusive) or an instant (exclusive); default now
   */
  static ReportQuery of(Caller caller, String from, String to, String team, String source,
      String rep, String groupBy, Dimension defaultGroup, Instant now, ZoneId zone) {
    Scope scope = Scope.of(caller);
    List<FieldProblem> problems = new ArrayList<>();
    Instant end = to == null || to.isBlank() ? now : moment("to", to, true, zone, problems);
    Instant start = from == null || from.isBlank() ? (end == null ? null : end.minus(DEFAULT_WINDOW))
        : moment("from", from, false, zone, problems);
    if (start != null && end != null) {
      if (!start.isBefore(end)) {
        problems.add(new FieldProblem("from", "must be before to"));
      } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
        problems.add(new FieldProblem("to", "the window is at most " + MAX_WINDOW.toDays()
            + " days"));
      }
    }
    LeadSource leadSource = null;
    if (source != null && !source.isBlank()) {
      try {
        leadSource = LeadSource.valueOf(source.trim());
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("source", "must be one of " + List.of(LeadSource.values())));
      }
    }
    Dimension dimension = Dimension.parse(groupBy, defaultGroup, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    String teamFilter = blankToNull(team);
    String repFilter = blankToNull(rep);
    if (scope.teams() != null && teamFilter != null && !scope.teams().contains(teamFilter)) {
      throw new NotAllowedException("Team " + teamFilter + " is not one of yours",
          List.of(new FieldProblem("team", "not one of your teams")));
    }
    if (scope.rep() != null && repFilter != null && !scope.rep().equals(repFilter)) {
      throw new NotAllowedException("A rep sees their own figures only",
          List.of(new FieldProblem("rep", "you see your own figures only")));
    }
    return new ReportQuery(start, end, teamFilter, leadSource, repFilter, dimension, scope.teams(),
        scope.rep(), zone);
  }

  /** Admins and analysts all; a manager their teams; a rep their own; anybody else nothing. */
  record Scope(Set<String> teams, String rep) {
    static Scope of(Caller caller) {
      if (caller.seesAllLeads()) {
        return new Scope(null, null);
      }
      if (caller.isManager()) {
        return new Scope(caller.managedTeams(), null);
      }
      if (caller.isRep() && caller.id() != null) {
        return new Scope(null, caller.id());
      }
      throw new NotAllowedException("Reports are for admins, analysts, managers and reps");
    }
  }

  private static Instant moment(String field, String text, boolean end, ZoneId zone,
      List<FieldProblem> problems) {
    String value = text.trim();
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be a day (2026-11-30) or an instant"
          + " (2026-11-30T16:00:00Z)"));
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
