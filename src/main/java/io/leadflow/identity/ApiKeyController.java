package io.leadflow.identity;

import io.leadflow.system.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins create, list and revoke the integrations' API keys. */
@RestController
@RequestMapping("/api/api-keys")
class ApiKeyController {

  /** @param permissions what the key may do besides posting leads: IMPORT; none if absent */
  record NewKey(
      @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]*",
          message = "may contain only letters, digits, '.', '_' and '-'") String name,
      Set<ApiKey.Permission> permissions) {}

  /** The key itself is in the answer to its creation only. */
  record Created(String name, String key, Set<ApiKey.Permission> permissions, Instant createdAt) {}

  record KeyView(String name, Set<ApiKey.Permission> permissions, Instant createdAt,
      Instant revokedAt) {}

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  @PostMapping
  ResponseEntity<Created> create(@Valid @RequestBody NewKey request) {
    requireAdmin();
    Set<ApiKey.Permission> permissions =
        request.permissions() == null ? Set.of() : request.permissions();
    String key = keys.create(request.name(), permissions);
    return ResponseEntity.created(URI.create("/api/api-keys/" + request.name()))
        .body(new Created(request.name(), key, permissions, Instant.now()));
  }

  @GetMapping
  List<KeyView> list() {
    requireAdmin();
    return keys.all().stream()
        .map(k -> new KeyView(k.getName(), k.getPermissions(), k.getCreatedAt(),
            k.getRevokedAt())).toList();
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> revoke(@PathVariable String name) {
    requireAdmin();
    keys.revoke(name);
    return ResponseEntity.noContent().build();
  }

  private static void requireAdmin() {
    if (!Caller.current().isAdmin()) {
      throw new AccessDeniedException("Only admins manage API keys");
    }
  }
}
