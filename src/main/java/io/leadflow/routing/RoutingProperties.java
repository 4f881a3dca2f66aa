package io.leadflow.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fallbacks for routing outputs the decision leaves empty or gets wrong
 * ({@code leadflow.routing.*}). The decision table is where SLAs and strategies are set.
 */
@ConfigurationProperties("leadflow.routing")
public record RoutingProperties(
    @DefaultValue("PT24H") Duration defaultSla,
    @DefaultValue("ROUND_ROBIN") String defaultStrategy,
    @DefaultValue("PT48H") Duration defaultEscalateAfter) {}
