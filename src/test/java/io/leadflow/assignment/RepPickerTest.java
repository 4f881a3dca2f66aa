package io.leadflow.assignment;

import static io.leadflow.assignment.AssignmentStrategy.LOAD_BALANCED;
import static io.leadflow.assignment.AssignmentStrategy.ROUND_ROBIN;
import static io.leadflow.assignment.AssignmentStrategy.WEIGHTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.assignment.RepPicker.Candidate;
import io.leadflow.assignment.RepPicker.Pick;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The three strategies as pure functions: no engine, no database. */
class RepPickerTest {

  static Candidate able(String userId) {
    return new Candidate(userId, null, 0, 0, 1);
  }

  static Candidate skipped(String userId, String reason) {
    return new Candidate(userId, reason, 0, 0, 1);
  }

  static Candidate load(String userId, long openLeads, long assignedCount) {
    return new Candidate(userId, null, openLeads, assignedCount, 1);
  }

  static Candidate weighted(String userId, long assignedCount, int weight) {
    return new Candidate(userId, null, 0, assignedCount, weight);
  }

  // --- Round robin ---------------------------------------------------------------------------

  @Test
  void roundRobinStartsWithTheFirstRepInUserIdOrderWhenNobodyWasAssignedYet() {
    Pick pick = RepPicker.pick(ROUND_ROBIN, List.of(able("a"), able("b"), able("c")), null);
    assertThat(pick.userId()).isEqualTo("a");
    assertThat(pick.skipped()).isEmpty();
  }

  @Test
  void roundRobinPicksTheNextRepInUserIdOrderAfterTheLastAssigned() {
    List<Candidate> team = List.of(able("a"), able("b"), able("c"));
    assertThat(RepPicker.pick(ROUND_ROBIN, team, "a").userId()).isEqualTo("b");
    assertThat(RepPicker.pick(ROUND_ROBIN, team, "b").userId()).isEqualTo("c");
  }

  @Test
  void roundRobinWrapsAroundFromTheLastRepToTheFirst() {
    List<Candidate> team = List.of(able("a"), able("b"), able("c"));
    Pick pick = RepPicker.pick(ROUND_ROBIN, team, "c");
    assertThat(pick.userId()).isEqualTo("a");
    assertThat(pick.skipped()).isEmpty();
  }

  @Test
  void roundRobinRotatesThroughTheWholeTeamInUserIdOrderPickAfterPick() {
    List<Candidate> team = List.of(able("east.a"), able("east.b"), able("east.c"));
    List<String> owners = new ArrayList<>();
    String last = "east.b";
    for (int i = 0; i < 7; i++) {
      last = RepPicker.pick(ROUND_ROBIN, team, last).userId();
      owners.add(last);
    }
    assertThat(owners).containsExactly("east.c", "east.a", "east.b", "east.c", "east.a", "east.b",
        "east.c");
  }

  @Test
  void whenTheLastAssignedRepLeftTheTeamRoundRobinContinuesWithTheNextUserIdAfterThem() {
    // b had the last lead and then left the team: c is next, nobody loses a turn.
    List<Candidate> team = List.of(able("a"), able("c"), able("d"));
    assertThat(RepPicker.pick(ROUND_ROBIN, team, "b").userId()).isEqualTo("c");
    // e left too, and sorted after everyone: wrap around to the first.
    assertThat(RepPicker.pick(ROUND_ROBIN, team, "e").userId()).isEqualTo("a");
    // A rep who joined the team with an id after the last assigned gets the next turn.
    List<Candidate> joined = List.of(able("a"), able("b"), able("bb"), able("c"));
    assertThat(RepPicker.pick(ROUND_ROBIN, joined, "b").userId()).isEqualTo("bb");
  }

  @Test
  void roundRobinListsTheRepsItPassedOverWithTheirReason() {
    List<Candidate> team = List.of(able("a"), skipped("b", "SKIPPED_UNAVAILABLE"),
        skipped("c", "SKIPPED_OUT_OF_OFFICE"), able("d"));
    Pick pick = RepPicker.pick(ROUND_ROBIN, team, "a");
    assertThat(pick.userId()).isEqualTo("d");
    assertThat(pick.skipped())
        .containsExactly("SKIPPED_UNAVAILABLE: b", "SKIPPED_OUT_OF_OFFICE: c");
  }

  @Test
  void roundRobinDoesNotListIneligibleRepsItDidNotPassOver() {
    List<Candidate> team = List.of(able("a"), skipped("b", "SKIPPED_UNAVAILABLE"),
        skipped("c", "SKIPPED_OUT_OF_OFFICE"), able("d"));
    Pick afterC = RepPicker.pick(ROUND_ROBIN, team, "c");
    assertThat(afterC.userId()).isEqualTo("d");
    assertThat(afterC.skipped()).isEmpty();
    Pick afterD = RepPicker.pick(ROUND_ROBIN, team, "d");
    assertThat(afterD.userId()).isEqualTo("a");
    assertThat(afterD.skipped()).isEmpty();
  }

  @Test
  void roundRobinRecordsThePassedOverRepsAcrossTheWrapAround() {
    List<Candidate> team = List.of(skipped("a", "SKIPPED_FULL"), able("b"),
        skipped("c", "SKIPPED_OUT_OF_OFFICE"));
    Pick pick = RepPicker.pick(ROUND_ROBIN, team, "b");
    assertThat(pick.userId()).isEqualTo("b");
    assertThat(pick.skipped()).containsExactly("SKIPPED_OUT_OF_OFFICE: c", "SKIPPED_FULL: a");
  }

  @Test
  void roundRobinWithNobodyEligibleListsEveryRepOnceInRotationOrder() {
    List<Candidate> team = List.of(skipped("a", "SKIPPED_FULL"),
        skipped("b", "SKIPPED_UNAVAILABLE"), skipped("c", "SKIPPED_OUT_OF_OFFICE"));
    Pick pick = RepPicker.pick(ROUND_ROBIN, team, "a");
    assertThat(pick.userId()).isNull();
    assertThat(pick.skipped()).containsExactly("SKIPPED_UNAVAILABLE: b",
        "SKIPPED_OUT_OF_OFFICE: c", "SKIPPED_FULL: a");
  }

  // --- Load balanced -------------------------------------------------------------------------

  @Test
  void loadBalancedPicksTheRepWithTheFewestOpenLeads() {
    Pick pick = RepPicker.pick(LOAD_BALANCED,
        List.of(load("a", 5, 0), load("b", 2, 50), load("c", 3, 0)), "a");
    assertThat(pick.userId()).isEqualTo("b");
    assertThat(pick.skipped()).isEmpty();
  }

  @Test
  void loadBalancedBreaksATieOnOpenLeadsByFewestAssignedThenByUserId() {
    assertThat(RepPicker.pick(LOAD_BALANCED,
        List.of(load("a", 2, 10), load("b", 2, 4), load("c", 2, 7)), null).userId())
        .isEqualTo("b");
    assertThat(RepPicker.pick(LOAD_BALANCED,
        List.of(load("a", 2, 10), load("b", 2, 4), load("c", 2, 4)), null).userId())
        .isEqualTo("b");
    assertThat(RepPicker.pick(LOAD_BALANCED,
        List.of(load("c", 1, 3), load("b", 1, 3), load("a", 4, 0)), "b").userId())
        .as("ties go to the smallest user id whatever the order and the last assigned")
        .isEqualTo("b");
  }

  @Test
  void loadBalancedPassesOverAnIneligibleRepEvenWithFewerOpenLeadsAndSaysWhy() {
    Pick pick = RepPicker.pick(LOAD_BALANCED, List.of(load("a", 4, 0),
        new Candidate("b", "SKIPPED_OUT_OF_OFFICE", 0, 0, 1), load("c", 3, 9)), null);
    assertThat(pick.userId()).isEqualTo("c");
    assertThat(pick.skipped()).containsExactly("SKIPPED_OUT_OF_OFFICE: b");
  }

  // --- Weighted ------------------------------------------------------------------------------

  /** Runs the weighted strategy n times, feeding each pick back into the assigned counts. */
  static List<String> simulateWeighted(Map<String, Integer> weights, int n) {
    Map<String, Long> assigned = new LinkedHashMap<>();
    weights.keySet().forEach(rep -> assigned.put(rep, 0L));
    List<String> picks = new ArrayList<>();
    String last = null;
    for (int i = 0; i < n; i++) {
      List<Candidate> team = weights.entrySet().stream()
          .map(w -> weighted(w.getKey(), assigned.get(w.getKey()), w.getValue())).toList();
      Pick pick = RepPicker.pick(WEIGHTED, team, last);
      assertThat(pick.userId()).isNotNull();
      assigned.merge(pick.userId(), 1L, Long::sum);
      picks.add(pick.userId());
      last = pick.userId();
    }
    return picks;
  }

  static Map<String, Long> tally(List<String> picks) {
    return picks.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void weightedTwoOneOneGivesExactly200To100To100Over400Leads() {
    List<String> picks = simulateWeighted(weights("a", 2, "b", 1, "c", 1), 400);
    assertThat(tally(picks)).containsExactlyInAnyOrderEntriesOf(
        Map.of("a", 200L, "b", 100L, "c", 100L));
  }

  @Test
  void weightedTwoOneOneGoesTwoOneOneInEveryWindowOfFourConsecutiveLeads() {
    List<String> picks = simulateWeighted(weights("a", 2, "b", 1, "c", 1), 400);
    for (int start = 0; start + 4 <= picks.size(); start++) {
      assertThat(tally(picks.subList(start, start + 4)))
          .as("leads %d to %d: %s", start, start + 3, picks.subList(start, start + 4))
          .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 1L, "c", 1L));
    }
  }

  @Test
  void weightedPicksTheRepFurthestBelowTheirShareAndBreaksTiesByUserId() {
    // (assigned + 1) / weight: a 11/2 = 5.5, b 5/1 = 5, c 5/1 = 5: b and c tie, b has the smaller id.
    Pick pick = RepPicker.pick(WEIGHTED,
        List.of(weighted("a", 10, 2), weighted("c", 4, 1), weighted("b", 4, 1)), "a");
    assertThat(pick.userId()).isEqualTo("b");
  }

  @Test
  void weightedComparesTheSharesTheRepsWouldHaveWithThisLead() {
    // With this lead a would be at 2/3 of their weight, b at 1/1: a, although b has none yet.
    Pick pick = RepPicker.pick(WEIGHTED, List.of(weighted("a", 1, 3), weighted("b", 0, 1)), "a");
    assertThat(pick.userId()).isEqualTo("a");
  }

  @Test
  void weightedSkipsARepWithWeightZeroWithSkippedZeroWeight() {
    Pick pick = RepPicker.pick(WEIGHTED,
        List.of(weighted("a", 0, 0), weighted("b", 3, 1), weighted("c", 3, 1)), null);
    assertThat(pick.userId()).isEqualTo("b");
    assertThat(pick.skipped()).containsExactly("SKIPPED_ZERO_WEIGHT: a");

    List<String> picks = simulateWeighted(weights("a", 0, "b", 1, "c", 1), 100);
    assertThat(tally(picks)).containsExactlyInAnyOrderEntriesOf(Map.of("b", 50L, "c", 50L));
  }

  @Test
  void weightedKeepsTheOriginalReasonOfAnUnavailableRepWithWeightZero() {
    Pick pick = RepPicker.pick(WEIGHTED, List.of(
        new Candidate("a", "SKIPPED_UNAVAILABLE", 0, 0, 0), weighted("b", 0, 1)), null);
    assertThat(pick.userId()).isEqualTo("b");
    assertThat(pick.skipped()).containsExactly("SKIPPED_UNAVAILABLE: a");
  }

  // --- Nobody eligible -----------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(AssignmentStrategy.class)
  void withNobodyEligibleEveryStrategyReturnsNullAndListsEverySkip(AssignmentStrategy strategy) {
    List<Candidate> team = List.of(skipped("a", "SKIPPED_UNAVAILABLE"),
        skipped("b", "SKIPPED_OUT_OF_OFFICE"), skipped("c", "SKIPPED_FULL"));
    Pick pick = RepPicker.pick(strategy, team, null);
    assertThat(pick.userId()).isNull();
    assertThat(pick.skipped()).containsExactly("SKIPPED_UNAVAILABLE: a",
        "SKIPPED_OUT_OF_OFFICE: b", "SKIPPED_FULL: c");
  }

  @Test
  void weightedWithOnlyZeroWeightsLeftReturnsNullAndListsEverySkip() {
    Pick pick = RepPicker.pick(WEIGHTED, List.of(skipped("a", "SKIPPED_FULL"),
        weighted("b", 0, 0), weighted("c", 7, 0)), "a");
    assertThat(pick.userId()).isNull();
    assertThat(pick.skipped()).containsExactly("SKIPPED_FULL: a", "SKIPPED_ZERO_WEIGHT: b",
        "SKIPPED_ZERO_WEIGHT: c");
  }

  @ParameterizedTest
  @EnumSource(AssignmentStrategy.class)
  void anEmptyTeamPicksNobodyAndSkipsNobody(AssignmentStrategy strategy) {
    Pick pick = RepPicker.pick(strategy, List.of(), "a");
    assertThat(pick.userId()).isNull();
    assertThat(pick.skipped()).isEmpty();
  }

  static Map<String, Integer> weights(Object... repAndWeight) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (int i = 0; i < repAndWeight.length; i += 2) {
      weights.put((String) repAndWeight[i], (Integer) repAndWeight[i + 1]);
    }
    return weights;
  }

  @Test
  void roundRobinAlternatesWhateverOrderTheDatabaseListsTheRepsIn() {
    // en_US collation lists alice before Bob; Java orders Bob first. Either way both take turns.
    List<Candidate> databaseOrder = List.of(able("alice"), able("Bob"));
    String last = null;
    List<String> picks = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      last = RepPicker.pick(AssignmentStrategy.ROUND_ROBIN, databaseOrder, last).userId();
      picks.add(last);
    }
    assertThat(picks).containsExactly("Bob", "alice", "Bob", "alice");
  }
}
