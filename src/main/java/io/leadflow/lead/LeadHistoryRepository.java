package io.leadflow.lead;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface LeadHistoryRepository extends JpaRepository<LeadHistoryEntry, Long> {
  List<LeadHistoryEntry> findByLeadIdOrderByOccurredAtAscIdAsc(Long leadId);

  java.util.Optional<LeadHistoryEntry> findFirstByLeadIdAndEventAndRepOrderByOccurredAtDesc(
      Long leadId, LeadEvent event, String rep);

  long countByEventAndRepAndOccurredAtGreaterThanEqual(LeadEvent event, String rep,
      java.time.Instant since);
}
