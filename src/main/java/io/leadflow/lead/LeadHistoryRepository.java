package io.leadflow.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface LeadHistoryRepository extends JpaRepository<LeadHistoryEntry, Long> {
  List<LeadHistoryEntry> findByLeadIdOrderByOccurredAtAscIdAsc(Long leadId);

  Optional<LeadHistoryEntry> findFirstByLeadIdAndEventAndRepOrderByOccurredAtDesc(
      Long leadId, LeadEvent event, String rep);

  long countByEventAndRepAndOccurredAtGreaterThanEqual(LeadEvent event, String rep,
      Instant since);
}
