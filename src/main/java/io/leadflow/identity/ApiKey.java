package io.leadflow.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** An integration's key for X-API-Key. Only its SHA-256 is stored; the key is shown once. */
@Entity
@Table(name = "api_keys")
class ApiKey {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_keys_seq")
  @SequenceGenerator(name = "api_keys_seq", sequenceName = "api_keys_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  @Column(nullable = false, unique = true)
  private String keyHash;

  @Column(nullable = false)
  private Instant createdAt;

  private Instant revokedAt;

  protected ApiKey() {}

  ApiKey(String name, String key, Instant now) {
    this.name = name;
    this.keyHash = hash(key);
    this.createdAt = now;
  }

  String getName() { return name; }
  Instant getCreatedAt() { return createdAt; }
  Instant getRevokedAt() { return revokedAt; }
  boolean isRevoked() { return revokedAt != null; }

  void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }

  static String hash(String key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
