package io.leadflow.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {
  // Queries run on every intake are written out: Hibernate caches the translation of a query
  // string, while a derived query is a new criteria query each time (translated on every call).
  @Query("select k from ApiKey k where k.keyHash = :keyHash and k.revokedAt is null")
  Optional<ApiKey> findByKeyHashAndRevokedAtIsNull(String keyHash);
  boolean existsByName(String name);
  Optional<ApiKey> findByName(String name);
  List<ApiKey> findAllByOrderByName();
}
