package io.leadflow.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** 401 and 403 answers of the API in the same problem+json shape as its other errors. */
@Component
class ProblemResponses {

  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  /**
   * A 401 asks for HTTP Basic, except from LeadFlow's pages (their script sends X-Requested-With):
   * a browser would open its own password dialog over the page, which logs in on its login page.
   */
  void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == HttpServletResponse.SC_UNAUTHORIZED
        && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"LeadFlow\"");
    }
    json.writeValue(response.getOutputStream(),
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail));
  }
}
