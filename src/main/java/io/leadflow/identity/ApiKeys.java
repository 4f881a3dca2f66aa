package io.leadflow.identity;

import java.time.Clock;
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

  @Override
  public void run(ApplicationArguments args) {
    if (!bootstrapKey.isBlank()) {
      ensure(bootstrapName, bootstrapKey);
    }
  }
}
