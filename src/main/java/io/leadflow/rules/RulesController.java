package io.leadflow.rules;

import io.leadflow.engine.DecisionReplay.Table;
import io.leadflow.engine.DecisionReplay.UnreadableTable;
import io.leadflow.engine.DecisionReplay;
import io.leadflow.lead.LeadReplays.Window;
import io.leadflow.lead.LeadSource;
import io.leadflow.system.Caller;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InputLimits;
import io.leadflow.system.InvalidRequestException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/rules}: back-tests, checks, versions, diff, restore and deploy of the routing and
 * scoring tables, for analysts and admins (docs/rules.md).
 */
@RestController
@RequestMapping("/api/rules")
class RulesController {

  static final int DEFAULT_DAYS = 90;
  static final int MAX_DAYS = 3_660;
  static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
  static final List<Integer> DEFAULT_BANDS = List.of(60, 80);

  /** A candidate that passed every check. */
  record CheckView(String decisionKey, String hitPolicy, int rules, List<String> inputs) {}

  private final DecisionReplay replay;
  private final CandidateCheck check;
  private final Backtest backtest;
  private final RuleVersions versions;
  private final Clock clock;

  RulesController(DecisionReplay replay, CandidateCheck check, Backtest backtest,
      RuleVersions versions, Clock clock) {
    this.replay = replay;
    this.check = check;
    this.backtest = backtest;
    this.versions = versions;
    this.clock = clock;
  }

  /**
   * Back-tests a candidate (an uploaded file, or a deployed {@code version}) on the leads of a
   * window: {@code from}/{@code to} (ISO instants) or the last {@code days} (90).
   */
  @PostMapping(path = "/simulations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  BacktestReport simulate(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String decisionKey,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String days, @RequestParam(required = false) String team,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String bands) throws IOException {
    RulesAccess.requireAnalyst();
    List<FieldProblem> problems = new ArrayList<>();
    Window window = window(from, to, days, team, source, problems);
    Backtest.Bands scoreBands = bands(bands, problems);
    Integer pastVersion = integer("version", version, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    RuleTables kind;
    Table candidate;
    String label;
    if (file != null && !file.isEmpty()) {
      byte[] xml = read(file);
      kind = kindOf(xml, decisionKey);
      candidate = check.require(xml, kind);
      label = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
    } else if (pastVersion != null && decisionKey != null) {
      kind = RuleTables.of(decisionKey);
      DecisionDefinition definition = versions.definition(kind, pastVersion);
      candidate = replay.deployed(definition.getId());
      label = kind.key + " v" + pastVersion;
    } else {
      throw new InvalidRequestException(List.of(new FieldProblem("file",
          "a candidate is needed: a DMN file, or decisionKey and version of a deployed one")));
    }
    return backtest.run(kind, candidate, label, window, scoreBands);
  }

  /** Checks a candidate as a deployment would be checked: 200, or 400 naming rule and cell. */
  @PostMapping(path = "/checks", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  CheckView check(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String decisionKey) throws IOException {
    RulesAccess.requireAnalyst();
    byte[] xml = read(file);
    RuleTables kind = kindOf(xml, decisionKey);
    Table table = check.require(xml, kind);
    return new CheckView(kind.key, table.hitPolicy(), table.rules().size(),
        table.inputs().stream().map(DecisionReplay.InputColumn::name).toList());
  }

  @GetMapping("/{decisionKey}/versions")
  List<RuleVersions.VersionView> versions(@PathVariable String decisionKey) {
    RulesAccess.requireAnalyst();
    return versions.list(RuleTables.of(decisionKey));
  }

  @GetMapping("/{decisionKey}/versions/{a}/diff/{b}")
  TableDiff.Diff diff(@PathVariable String decisionKey, @PathVariable int a,
      @PathVariable int b) {
    RulesAccess.requireAnalyst();
    return versions.diff(RuleTables.of(decisionKey), a, b);
  }

  /** Version n's file deployed as a new version: the next lead uses it. */
  @PostMapping("/{decisionKey}/versions/{version}/restore")
  RuleVersions.Deployed restore(@PathVariable String decisionKey, @PathVariable int version) {
    Caller caller = RulesAccess.requireAnalyst();
    return versions.restore(RuleTables.of(decisionKey), version, caller);
  }

  /** A checked candidate deployed as the new version (what Modeler's deploy does). */
  @PostMapping(path = "/{decisionKey}/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  RuleVersions.Deployed deploy(@PathVariable String decisionKey,
      @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
    Caller caller = RulesAccess.requireAnalyst();
    RuleTables kind = RuleTables.of(decisionKey);
    byte[] xml = read(file);
    kindOf(xml, decisionKey);
    return versions.deployCandidate(kind, xml, caller);
  }

  private static byte[] read(MultipartFile file) throws IOException {
    if (file == null || file.isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldProblem("file",
          "a DMN file is needed (as Camunda Modeler saves it)")));
    }
    if (file.getSize() > MAX_FILE_BYTES) {
      throw new InvalidRequestException(List.of(new FieldProblem("file",
          "is " + file.getSize() + " bytes; a table may have at most " + MAX_FILE_BYTES)));
    }
    return file.getBytes();
  }

  /** Which of the two tables the file holds (the one named, if both). */
  private RuleTables kindOf(byte[] xml, String decisionKey) {
    List<String> keys;
    try {
      keys = replay.decisionKeys(xml);
    } catch (UnreadableTable e) {
      throw new InvalidRequestException(List.of(new FieldProblem("file", e.getMessage())));
    }
    if (decisionKey != null) {
      RuleTables named = RuleTables.of(decisionKey);
      if (!keys.contains(named.key)) {
        throw new InvalidRequestException(List.of(new FieldProblem("file",
            "has no decision table " + named.key + " (it has " + keys + ")")));
      }
      return named;
    }
    return keys.stream().map(RuleTables::orNull).filter(k -> k != null).findFirst()
        .orElseThrow(() -> new InvalidRequestException(List.of(new FieldProblem("file",
            "has no decision table LeadRouting or LeadScoring (it has " + keys + ")"))));
  }

  private Window window(String from, String to, String days, String team, String source,
      List<FieldProblem> problems) {
    Instant end = instant("to", to, problems);
    Instant start = instant("from", from, problems);
    Integer span = integer("days", days, problems);
    if (span != null && (span < 1 || span > MAX_DAYS)) {
      problems.add(new FieldProblem("days", "must be between 1 and " + MAX_DAYS));
      span = null;
    }
    if (end == null) {
      end = clock.instant();
    }
    if (start == null) {
      start = end.minus(Duration.ofDays(span == null ? DEFAULT_DAYS : span));
    }
    if (!start.isBefore(end)) {
      problems.add(new FieldProblem("from", "must be before to"));
    }
    if (team != null && (InputLimits.textProblem(team) != null || team.length() > 64)) {
      problems.add(new FieldProblem("team", team.length() > 64 ? "must be at most 64 characters"
          : InputLimits.textProblem(team)));
      team = null;
    }
    LeadSource leadSource = null;
    if (source != null && !source.isBlank()) {
      try {
        leadSource = LeadSource.valueOf(source.trim());
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("source", "must be one of "
            + List.of(LeadSource.values())));
      }
    }
    return new Window(start, end, team == null || team.isBlank() ? null : team.trim(),
        leadSource);
  }

  private static Backtest.Bands bands(String text, List<FieldProblem> problems) {
    if (text == null || text.isBlank()) {
      return new Backtest.Bands(DEFAULT_BANDS);
    }
    List<Integer> boundaries = new ArrayList<>();
    for (String part : text.split(",")) {
      try {
        boundaries.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        problems.add(new FieldProblem("bands", "must be ascending whole numbers, such as 60,80"));
        return new Backtest.Bands(DEFAULT_BANDS);
      }
    }
    for (int i = 1; i < boundaries.size(); i++) {
      if (boundaries.get(i) <= boundaries.get(i - 1) || boundaries.size() > 10) {
        problems.add(new FieldProblem("bands", "must be ascending whole numbers, such as 60,80"));
        return new Backtest.Bands(DEFAULT_BANDS);
      }
    }
    return new Backtest.Bands(List.copyOf(boundaries));
  }

  private static Instant instant(String field, String text, List<FieldProblem> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Instant instant = Instant.parse(text.trim());
      String problem = InputLimits.timeProblem(instant);
      if (problem != null) {
        problems.add(new FieldProblem(field, problem));
        return null;
      }
      return instant;
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be an ISO-8601 instant such as"
          + " 2026-09-01T00:00:00Z"));
      return null;
    }
  }

  private static Integer integer(String field, String text, List<FieldProblem> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem(field, "must be a whole number"));
      return null;
    }
  }
}
