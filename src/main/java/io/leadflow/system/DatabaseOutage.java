package io.leadflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database cannot be reached: a 503 with {@code Retry-After}, within the connection pool's
 * timeout (DB_CONNECTION_TIMEOUT, 3 s), never a hang or a 500. Nothing was written: the request's
 * transaction never began or was rolled back. The pool reconnects by itself when the database is
 * back. Recognised anywhere in the chain of causes, as the JDBC driver, the pool, Hibernate,
 * Spring or the engine (MyBatis) wrap it: no connection from the pool in time, a refused or
 * broken connection (SQLSTATE class 08), the server shutting down (57P01 to 57P03), a
 * connection the pool closed under the request.
 */
@Configuration
public class DatabaseOutage {

  /** Seconds a client should wait before it tries again. */
  public static final int RETRY_AFTER_SECONDS = 5;
  public static final String DETAIL =
      "The database is not reachable at the moment; nothing was saved. Try again shortly";

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

  /** Whether the failure is the database being unreachable (and not a bad request or a bug). */
  public static boolean isOutage(Throwable failure) {
    return isOutage(failure, 0);
  }

  /**
   * Also through suppressed exceptions, and a connection the pool closed under the request
   * (the database went away mid-transaction: the rollback then fails on it, and that failure is
   * what is thrown).
   */
  private static boolean isOutage(Throwable failure, int depth) {
    for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause()) {
      depth++;
      if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql && (sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))
          || "Connection is closed".equals(sql.getMessage()))) {
        return true;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        if (isOutage(suppressed, depth)) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  static ProblemDetail problem() {
    return ApiErrors.problem(HttpStatus.SERVICE_UNAVAILABLE, DETAIL, List.of());
  }

  /**
   * The same answer for what fails before a controller: authentication reads users and API keys
   * from the database, in the security filters.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilter(ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest request,
              HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            try {
              chain.doFilter(request, response);
            } catch (ServletException | RuntimeException e) {
              if (!isOutage(e) || response.isCommitted()) {
                throw e;
              }
              log.warn("Database unreachable, answered 503 to {} {}: {}", request.getMethod(),
                  request.getRequestURI(), e.toString());
              response.resetBuffer();
              response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
              response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
              response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
              json.writeValue(response.getOutputStream(), problem());
            }
          }
        });
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*");
    registration.setName("database-outage");
    registration.setOrder(-110); // around Spring Security's chain (-100)
    return registration;
  }
}
