package io.leadflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection for LeadFlow's own pages (/app), which are plain JavaScript: the token is in
 * the cookie XSRF-TOKEN that the page's script reads and sends back in the X-XSRF-TOKEN header
 * (Spring Security's recipe for single-page applications).
 */
final class SpaCsrf {

  private SpaCsrf() {}

  static CookieCsrfTokenRepository repository() {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
    return repository;
  }

  /** The header holds the token as the cookie has it; a form parameter holds it masked. */
  static final class RequestHandler implements CsrfTokenRequestHandler {
    private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler xor = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
        Supplier<CsrfToken> token) {
      xor.handle(request, response, token);
      token.get(); // loads the deferred token, so that its cookie is written
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
      String header = request.getHeader(token.getHeaderName());
      return (StringUtils.hasText(header) ? plain : xor).resolveCsrfTokenValue(request, token);
    }
  }

  /** Makes sure every page of /app gets the cookie, also the login page before anyone logs in. */
  static final class CookieFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
        FilterChain chain) throws ServletException, IOException {
      CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      if (token != null) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
