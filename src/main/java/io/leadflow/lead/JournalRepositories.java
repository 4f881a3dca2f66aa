package io.leadflow.lead;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The lead's contacts and score changes, oldest first. */
interface LeadContactRepository extends JpaRepository<LeadContact, Long> {
  List<LeadContact> findByLeadIdOrderByOccurredAtAscIdAsc(long leadId);
}

interface ScoreChangeRepository extends JpaRepository<ScoreChange, Long> {
  List<ScoreChange> findByLeadIdOrderByIdAsc(long leadId);
}
