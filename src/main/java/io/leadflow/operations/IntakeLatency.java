package io.leadflow.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The intake's latency as its callers see it, {@code POST /api/leads} from the first filter to
 * the answer (validation, de-duplication, scoring, routing and assignment included), by the
 * answer's status: 201 a new lead, 200 a repeat, 4xx refused, 503 database out of reach. As a
 * histogram, so Prometheus can compute percentiles across nodes.
 */
@Configuration
class IntakeLatency {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> intakeLatencyFilter(MeterRegistry registry) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest request,
              HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            if (!"POST".equals(request.getMethod())
                || !"/api/leads".equals(request.getRequestURI())) {
              chain.doFilter(request, response);
              return;
            }
            Timer.Sample sample = Timer.start(registry);
            try {
              chain.doFilter(request, response);
            } finally {
              sample.stop(Timer.builder("leadflow.intake")
                  .description("POST /api/leads, from arrival to answer")
                  .tag("status", String.valueOf(response.getStatus()))
                  .publishPercentileHistogram().register(registry));
            }
          }
        });
    registration.addUrlPatterns("/api/leads");
    registration.setName("intake-latency");
    registration.setOrder(-120); // outermost: includes authentication and the outage answer
    return registration;
  }
}
