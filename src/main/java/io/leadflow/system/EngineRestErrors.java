package io.leadflow.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API ({@code /engine-rest}) answers a client's mistake as a 4xx, not a 500. Its
 * own error handling turns every engine exception it does not know into a 500, also a file that
 * is not XML (or binary, empty, a billion-laughs or XXE document the parser refuses), a DMN that
 * is not XML, a form that is not JSON or a junk {@code deployment-activation-time}. Here:
 * <ul>
 *   <li>what fails while a deployment is created ({@code POST .../deployment/create}) and is no
 *       authorization, concurrency or database failure is a 400 with the parser's message;</li>
 *   <li>a value the database refuses as data (SQLSTATE class 22: too long, such as a 10 kB
 *       deployment name or an over-long process id, or a NUL character) is a 400 on any call;</li>
 *   <li>the database out of reach is a 503 with {@code Retry-After}, as on LeadFlow's API;</li>
 *   <li>everything else is answered by Camunda's own mapping, unchanged.</li>
 * </ul>
 * Registered with the REST API's Jersey application through the starter's documented extension
 * point, a {@link CamundaJerseyResourceConfig} bean; the answers keep Camunda's error shape
 * ({@code type}, {@code message}, {@code code}).
 */
@Component
@ApplicationPath("/engine-rest")
class EngineRestErrors extends CamundaJerseyResourceConfig {

  private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);

  @Override
  protected void registerAdditionalResources() {
    register(EngineExceptions.class);
    register(AnyExceptions.class);
  }

  /** Engine exceptions: chosen over Camunda's mapper of the same type by its priority. */
  @Priority(1)
  static final class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
    @Context UriInfo uri;
    @Context Request request;

    @Override
    public Response toResponse(ProcessEngineException e) {
      return answer(e, uri, request);
    }
  }

  /** Anything else (IllegalArgumentException of a bad date, ...). */
  @Priority(1)
  static final class AnyExceptions implements ExceptionMapper<Throwable> {
    @Context UriInfo uri;
    @Context Request request;

    @Override
    public Response toResponse(Throwable e) {
      return answer(e, uri, request);
    }
  }

  static Response answer(Throwable e, UriInfo uri, Request request) {
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    if (DatabaseOutage.isOutage(e)) {
      log.warn("Database unreachable, answered 503 to {}: {}", uri.getPath(), e.toString());
      ExceptionDto dto = camunda.fromException(e);
      dto.setMessage(DatabaseOutage.DETAIL);
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
          .type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build();
    }
    String refusedData = refusedData(e);
    boolean deployment = "POST".equals(request.getMethod())
        && ("/" + uri.getPath()).endsWith("/deployment/create");
    if (refusedData != null || (deployment && isTheUploadsFault(e))) {
      ExceptionDto dto = camunda.fromException(e);
      if (refusedData != null) {
        dto.setMessage("A value cannot be stored: " + refusedData);
      }
      log.info("Refused {} {}: {}", request.getMethod(), uri.getPath(), dto.getMessage());
      return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(dto).build();
    }
    return camunda.getResponse(e);
  }

  /**
   * What the database said of a value it refused as data (SQLSTATE class 22), or null: the
   * innermost such message ("value too long for type character varying(255)"), not a batch's
   * statement around it.
   */
  static String refusedData(Throwable e) {
    String said = null;
    for (Throwable cause = e; cause != null && cause.getCause() != cause;
        cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (next.getSQLState() != null && next.getSQLState().startsWith("22")) {
            String message = String.valueOf(next.getMessage());
            said = message.lines().findFirst().orElse(message);
          }
        }
      }
    }
    return said;
  }

  /** A deployment's failure that says something of what was uploaded, not of the server. */
  static boolean isTheUploadsFault(Throwable e) {
    return (e instanceof ProcessEngineException || e instanceof IllegalArgumentException)
        && !(e instanceof AuthorizationException) && !(e instanceof OptimisticLockingException)
        && !(e instanceof org.camunda.bpm.engine.ProcessEnginePersistenceException);
  }
}
