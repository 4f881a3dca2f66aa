package io.leadflow.assignment;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TeamStateRepository extends JpaRepository<TeamState, String> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select t from TeamState t where t.teamId = :teamId")
  Optional<TeamState> lock(String teamId);
}

interface TeamRepCounterRepository extends JpaRepository<TeamRepCounter, TeamRepCounter.Key> {

  @Query("select c from TeamRepCounter c where c.id.teamId = :teamId")
  List<TeamRepCounter> findByTeam(String teamId);
}
