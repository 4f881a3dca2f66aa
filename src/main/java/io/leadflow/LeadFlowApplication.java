package io.leadflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadFlowApplication {
  public static void main(String[] args) {
    SpringApplication.run(LeadFlowApplication.class, args);
  }
}
