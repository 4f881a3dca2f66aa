package io.leadflow.imports;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A file that cannot be imported, as an RFC 9457 problem naming {@code file} and what is wrong;
 * an upload over the size limit (refused by the multipart parser before any controller) too.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportErrors {

  private final ImportProperties properties;

  ImportErrors(ImportProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler(ImportRefusedException.class)
  ResponseEntity<ProblemDetail> refused(ImportRefusedException e) {
    return problem(e.status(), e.getMessage());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "is larger than "
        + properties.maxFileSize().toMegabytes() + " MB (leadflow.imports.max-file-size)");
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String message) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The file " + message);
    problem.setProperty("errors", List.of(Map.of("field", "file", "message", message)));
    return ResponseEntity.status(status).body(problem);
  }
}
