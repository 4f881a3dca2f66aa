package io.leadflow.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Shared infrastructure beans. */
@Configuration
@EnableSpringDataWebSupport(pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
class WebConfig implements WebMvcConfigurer {

  /** The one clock LeadFlow reads (SLA due dates, history times); UTC instants. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** LeadFlow's own pages start at /app/ (static/app/index.html). */
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/app", "/app/");
    registry.addViewController("/app/").setViewName("forward:/app/index.html");
  }
}
