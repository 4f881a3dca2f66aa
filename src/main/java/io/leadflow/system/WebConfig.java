package io.leadflow.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;

/** Shared infrastructure beans. */
@Configuration
@EnableSpringDataWebSupport(pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
class WebConfig {

  /** The one clock LeadFlow reads (SLA due dates, history times); UTC instants. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
