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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

/** An integration's key for X-API-Key. Only its SHA-256 is stored; the key is shown once. */
@Entity
@Table(name = "api_keys")
class ApiKey {

  /** What a key may do besides posting leads and their activities, which every key may. */
  enum Permission {
    /** Import files of leads (POST /api/imports and the import's own calls). */
    IMPORT
  }

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

  /** Comma-separated {@link Permission} names; null for none. */
  private String permissions;

  protected ApiKey() {}

  ApiKey(String name, String key, Instant now) {
    this(name, key, Set.of(), now);
  }

  ApiKey(String name, String key, Set<Permission> permissions, Instant now) {
    this.name = name;
    this.keyHash = hash(key);
    this.createdAt = now;
    this.permissions = permissions.isEmpty() ? null : permissions.stream().sorted()
        .map(Permission::name).collect(Collectors.joining(","));
  }

  Set<Permission> getPermissions() {
    return permissions == null ? Set.of() : Arrays.stream(permissions.split(","))
        .map(Permission::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
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
