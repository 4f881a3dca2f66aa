package io.leadflow.lead;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface LeadHistoryRepository extends JpaRepository<LeadHistoryEntry, Long> {
  List<LeadHistoryEntry> findByLeadIdOrderByOccurredAtAscIdAsc(Long leadId);
}
