package io.leadflow.lead;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface LeadContactKeyRepository extends JpaRepository<LeadContactKey, String> {

  // Written out, as queries run on every intake are: see ApiKeyRepository.
  @Query("select k from LeadContactKey k where k.key in :keys")
  List<LeadContactKey> findByKeyIn(Collection<String> keys);

  @Modifying
  @Query("delete from LeadContactKey k where k.leadId = :leadId")
  void deleteByLeadId(Long leadId);
}
