package io.leadflow.notification;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * leadflow.notifications.wecom.*: WeCom (企业微信) group robots.
 *
 * @param robots by team id; the robot under {@value #DEFAULT_ROBOT} posts for teams without one
 */
@ConfigurationProperties("leadflow.notifications.wecom")
record WeComProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue Map<String, Robot> robots) {

  static final String DEFAULT_ROBOT = "default";

  WeComProperties {
    robots = robots == null ? Map.of() : Map.copyOf(robots);
  }

  /** @param webhook the full webhook URL with its key */
  record Robot(URI webhook) {

    /** Spring binds an empty webhook (an unset environment variable) to null. */
    boolean configured() {
      return webhook != null;
    }
  }

  /** The team's own robot, else the default one; empty when neither has a webhook. */
  Optional<Robot> robotFor(String team) {
    Robot own = team == null ? null : robots.get(team);
    if (own != null && own.configured()) {
      return Optional.of(own);
    }
    return Optional.ofNullable(robots.get(DEFAULT_ROBOT)).filter(Robot::configured);
  }
}
