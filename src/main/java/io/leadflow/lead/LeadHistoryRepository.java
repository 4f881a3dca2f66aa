package io.leadflow.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface LeadHistoryRepository extends JpaRepository<LeadHistoryEntry, Long> {
  List<LeadHistoryEntry> findByLeadIdOrderByOccurredAtAscIdAsc(Long leadId);

  Optional<LeadHistoryEntry> findFirstByLeadIdAndEventAndRepOrderByOccurredAtDesc(
      Long leadId, LeadEvent event, String rep);

  long countByEventAndRepAndOccurredAtGreaterThanEqual(LeadEvent event, String rep,
      Instant since);

  /**
   * One history line for every lead the decision definition last routed or scored (a definition
   * is of one decision, so its id stands in one of the two columns only), in one statement. Each
   * id is a value of the sequence of its own, so the blocks of 50 Hibernate takes from the same
   * sequence never meet these ids.
   */
  @Modifying
  @Query(nativeQuery = true, value = """
      insert into lead_history (id, lead_id, occurred_at, event, team, strategy, routing_rule,
        reason)
      select nextval('lead_history_seq'), l.id, :at, 'DECISION_RESTORED', l.team, l.strategy,
        l.routing_rule, :reason
      from leads l
      where l.routing_decision_id = :definitionId or l.scoring_decision_id = :definitionId""")
  int logDecisionRestored(String definitionId, Instant at, String reason);
}
