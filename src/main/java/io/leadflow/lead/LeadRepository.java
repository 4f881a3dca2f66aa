package io.leadflow.lead;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface LeadRepository extends JpaRepository<Lead, Long>, JpaSpecificationExecutor<Lead> {

  // Written out, as queries run on every intake are: see ApiKeyRepository.
  @Query("select l from Lead l where l.source = :source and l.externalId = :externalId")
  Optional<Lead> findBySourceAndExternalId(LeadSource source, String externalId);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select l from Lead l where l.id = :id")
  Optional<Lead> findByIdForUpdate(Long id);

  Page<Lead> findByPooledTrue(Pageable pageable);

  Page<Lead> findByPooledTrueAndTeamIn(Collection<String> teams, Pageable pageable);

  interface OwnerCount {
    String getOwner();
    long getOpenLeads();
  }

  /**
   * Asked with the open stages, not "not in" the closed ones: a rep keeps the leads they won or
   * lost, so over the years most of a rep's leads are closed, and only the open ones are then
   * read from the index on (owner, stage).
   */
  @Query("""
      select l.owner as owner, count(l) as openLeads from Lead l
      where l.owner in :owners and l.stage in :open
      group by l.owner""")
  List<OwnerCount> countOpenLeadsByOwner(Collection<String> owners, Collection<LeadStage> open);
}
