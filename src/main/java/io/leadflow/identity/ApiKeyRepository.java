package io.leadflow.identity;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {
  Optional<ApiKey> findByKeyHashAndRevokedAtIsNull(String keyHash);
  boolean existsByName(String name);
  Optional<ApiKey> findByName(String name);
  java.util.List<ApiKey> findAllByOrderByName();
}
