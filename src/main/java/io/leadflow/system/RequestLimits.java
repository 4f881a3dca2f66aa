package io.leadflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What is checked of a request before anything reads it. Query parameters of LeadFlow's API and
 * of Camunda's REST API are held to {@link InputLimits}: a parameter with a control character
 * ({@code ?team=%00}) is a 400 naming it before any query reaches the database. The API answers a
 * problem like its other errors; {@code /engine-rest} answers in Camunda's own error shape
 * ({@code type}, {@code message}). A body to LeadFlow's API whose Content-Type is a wildcard
 * ({@code *}{@code /*}), which names no format to read it in, is a 415.
 */
@Configuration
class RequestLimits {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> requestLimitsFilter(ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Check(json));
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setName("request-limits");
    registration.setOrder(0); // after Spring Security (-100), before Camunda's REST login (101)
    return registration;
  }

  static final class Check extends OncePerRequestFilter {

    private final ObjectMapper json;

    Check(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
        FilterChain chain) throws ServletException, IOException {
      List<ApiErrors.FieldError> errors = new ArrayList<>();
      if (request.getQueryString() != null) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
          String problem = InputLimits.textProblem(parameter.getKey());
          for (String value : parameter.getValue()) {
            problem = problem != null ? problem : InputLimits.textProblem(value);
          }
          if (problem != null) {
            errors.add(new ApiErrors.FieldError(parameter.getKey(), problem));
          }
        }
      }
      boolean engineRest =
          request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest");
      if (errors.isEmpty() && !engineRest && wildcard(request.getContentType())) {
        response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiErrors.problem(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + request.getContentType()
                + "' is not supported; send application/json", List.of()));
        return;
      }
      if (errors.isEmpty()) {
        chain.doFilter(request, response);
        return;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      if (engineRest) {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException",
            "message", errors.stream().map(e -> e.field() + " " + e.message()).toList()
                .toString()));
      } else {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiErrors.problem(HttpStatus.BAD_REQUEST,
            "The request has invalid parameters", errors));
      }
    }
  
    /** A Content-Type whose type or subtype is *: no format a body can be read in. */
    private static boolean wildcard(String contentType) {
      if (contentType == null) {
        return false;
      }
      String type = contentType.split(";", 2)[0].trim();
      return type.startsWith("*") || type.endsWith("/*");
    }
  }
}
