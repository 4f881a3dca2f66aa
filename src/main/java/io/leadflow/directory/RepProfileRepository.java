package io.leadflow.directory;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface RepProfileRepository extends JpaRepository<RepProfile, String> {

  /** The profiles, locked in user-id order (a fixed order, so two assignments cannot deadlock). */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from RepProfile p where p.userId in :userIds order by p.userId")
  List<RepProfile> lockAll(Collection<String> userIds);
}
