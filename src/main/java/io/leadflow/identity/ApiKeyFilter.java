package io.leadflow.identity;

import io.leadflow.system.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates integrations by their X-API-Key header. A key that is unknown or revoked is a 401
 * straight away, rather than a fall-through to other authentication.
 */
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";
  static final String INTEGRATION = Caller.INTEGRATION;

  private final ApiKeyRepository keys;
  private final ProblemResponses problems;

  ApiKeyFilter(ApiKeyRepository keys, ProblemResponses problems) {
    this.keys = keys;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null || key.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    var found = keys.findByKeyHashAndRevokedAtIsNull(ApiKey.hash(key.trim()));
    if (found.isEmpty()) {
      problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unknown or revoked API key");
      return;
    }
    List<SimpleGrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(INTEGRATION));
    if (found.get().getPermissions().contains(ApiKey.Permission.IMPORT)) {
      authorities.add(new SimpleGrantedAuthority(Caller.IMPORT_PERMISSION));
    }
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
        .authenticated("api-key:" + found.get().getName(), null, authorities));
    chain.doFilter(request, response);
  }
}
