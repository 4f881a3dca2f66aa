package io.leadflow.identity;

import io.leadflow.system.ConflictException;
import io.leadflow.system.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integration keys. One can be provisioned from the environment (LEADFLOW_API_KEY, with
 * LEADFLOW_API_KEY_NAME) so that a fresh installation can take leads from its web forms at once.
 */
@Service
public class ApiKeys implements ApplicationRunner {

  private final ApiKeyRepository keys;
  private final Clock clock;
  private final String bootstrapName;
  private final String bootstrapKey;

  ApiKeys(ApiKeyRepository keys, Clock clock,
      @Value("${leadflow.api-key.name:default-integration}") String bootstrapName,
      @Value("${leadflow.api-key.value:}") String bootstrapKey) {
    this.keys = keys;
    this.clock = clock;
    this.bootstrapName = bootstrapName;
    this.bootstrapKey = bootstrapKey;
  }

  /** Registers the key under this name unless a key of that name exists. */
  @Transactional
  public void ensure(String name, String key) {
    if (key.length() < 16) {
      throw new IllegalArgumentException("An API key needs at least 16 characters");
    }
    if (!keys.existsByName(name)) {
      keys.save(new ApiKey(name, key, clock.instant()));
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new key under a new name; the key is returned this once and only its hash is kept.
   *
   * @throws ConflictException if the name is taken (also by a revoked key)
   */
  @Transactional
  public String create(String name) {
    return create(name, Set.of());
  }

  /** A new key, as {@link #create(String)}, that may also do what these permissions allow. */
  @Transactional
  String create(String name, Set<ApiKey.Permission> permissions) {
    if (keys.existsByName(name)) {
      throw new ConflictException("An API key named " + name + " exists already");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = "lf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    keys.save(new ApiKey(name, key, permissions, clock.instant()));
    return key;
  }

  /** Stops the key from working at once; a revoked key stays listed. */
  @Transactional
  public void revoke(String name) {
    keys.findByName(name).orElseThrow(() -> new NotFoundException("No API key named " + name))
        .revoke(clock.instant());
  }

  @Transactional(readOnly = true)
  List<ApiKey> all() {
    return keys.findAllByOrderByName();
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!bootstrapKey.isBlank()) {
      ensure(bootstrapName, bootstrapKey);
    }
  }
}
