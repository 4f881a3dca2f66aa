package io.leadflow.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem: a 4xx that names each bad field and what is wrong with
 * it, never a stack trace. Anything unexpected is logged here and answered with a bare 500.
 */
@RestControllerAdvice(basePackages = "io.leadflow")
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** One bad field: its JSON path (e.g. activities[0].type) and the problem. */
  record FieldError(String field, String message) {}

  static ProblemDetail problem(HttpStatus status, String detail, List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (errors != null && !errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
        .sorted((a, b) -> a.field().compareTo(b.field()))
        .toList();
    return ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, "The request has invalid fields", errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getCause();
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = path(mismatch.getPath());
      String message = mismatch.getTargetType() != null
          ? BodyProblems.mustBe(mismatch.getTargetType()) : "has the wrong type";
      return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
          "The request has invalid fields", List.of(new FieldError(field, message))));
    }
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
        "The request body is not valid JSON", List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
        "The request has invalid parameters", List.of()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
    String message = ex.getRequiredType() != null && ex.getRequiredType().isEnum()
        ? "must be one of " + Arrays.toString(ex.getRequiredType().getEnumConstants())
        : "has the wrong type";
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
        "The request has invalid parameters", List.of(new FieldError(ex.getName(), message))));
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException ex) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
        "The request has invalid fields",
        ex.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> unknown(NotFoundException ex) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(problem(HttpStatus.NOT_FOUND, ex.getMessage(), List.of()));
  }

  /**
   * Refused by a controller or service (the URL rules of SecurityConfig answer before MVC): 403,
   * naming the refused fields when there are some. Without this handler the catch-all below would
   * turn it into a 500.
   */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> notAllowed(AccessDeniedException ex) {
    List<FieldError> errors = ex instanceof NotAllowedException refused
        ? refused.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList()
        : List.of();
    // Thrown by LeadFlow's own checks, whose messages say what was refused and nothing more.
    String detail = ex.getMessage() != null ? ex.getMessage() : "Not allowed";
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(problem(HttpStatus.FORBIDDEN, detail, errors));
  }

  /** Refused by Spring Security's firewall as the body is read (a form's parameter name). */
  @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RuntimeException ex) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
        "The request was rejected: " + ex.getMessage(), List.of()));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(problem(HttpStatus.CONFLICT, ex.getMessage(), List.of()));
  }

  /** Somebody changed the same lead's process at the same moment (Tasklist and the API). */
  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> concurrentChange(RuntimeException ex) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT,
        "The lead was changed at the same moment by someone else; try again", List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception ex) {
    if (DatabaseOutage.isOutage(ex)) {
      log.warn("Database unreachable, answered 503: {}", ex.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
          .body(DatabaseOutage.problem());
    }
    log.error("Unexpected error in API call", ex);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(
        HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged",
        List.of()));
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) path.append('.');
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
