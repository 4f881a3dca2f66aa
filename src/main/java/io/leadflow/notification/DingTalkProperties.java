package io.leadflow.notification;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * leadflow.notifications.dingtalk.*: DingTalk custom group robots (自定义机器人).
 *
 * @param messageType a plain Markdown message (mentions notify) or an action card with buttons to
 *     the task and the lead (DingTalk does not notify mentions in action cards)
 * @param robots by team id; the robot under {@value #DEFAULT_ROBOT} posts for teams without one
 */
@ConfigurationProperties("leadflow.notifications.dingtalk")
record DingTalkProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("MARKDOWN") MessageType messageType,
    @DefaultValue Map<String, Robot> robots) {

  static final String DEFAULT_ROBOT = "default";

  DingTalkProperties {
    robots = robots == null ? Map.of() : Map.copyOf(robots);
  }

  enum MessageType {
    MARKDOWN,
    ACTION_CARD
  }

  /**
   * One group's robot.
   *
   * @param webhook the full webhook URL with its access_token
   * @param secret the robot's signing secret (加签, SEC...); without it requests are not signed
   */
  record Robot(URI webhook, String secret) {

    /** Spring binds an empty webhook (an unset environment variable) to null. */
    boolean configured() {
      return webhook != null;
    }

    boolean signed() {
      return StringUtils.hasText(secret);
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
