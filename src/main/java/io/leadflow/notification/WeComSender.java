package io.leadflow.notification;

import io.leadflow.notification.WeComProperties.Robot;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Posts to the team's WeCom (企业微信) group through its robot, as a Markdown message: the subject
 * in bold, then the body.
 *
 * <p>WeCom Markdown mentions only by user id ({@code <@userid>}, which the templates' {{mention}}
 * puts in the body). Someone known only by mobile is not mentioned: mentions by mobile
 * (mentioned_mobile_list) exist for text messages only, and the message is posted without one.
 */
@Component
@EnableConfigurationProperties(WeComProperties.class)
class WeComSender implements ChannelSender {

  private final RestClient http;
  private final WeComProperties settings;

  WeComSender(@Qualifier("notificationRestClient") RestClient http, WeComProperties settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public Channel channel() {
    return Channel.WECOM;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  /** The WeCom user id, else the mobile (without +86 for mainland numbers), else null. */
  @Override
  public String address(Recipient recipient) {
    return recipient.weComUserId() != null ? recipient.weComUserId() : recipient.localMobile();
  }

  /** {@code <@userid>}; "" without a WeCom user id. */
  @Override
  public String mention(Recipient recipient) {
    return recipient.weComUserId() == null ? "" : "<@" + recipient.weComUserId() + ">";
  }

  @Override
  public String send(Message message, Recipient recipient) {
    String peer = "WeCom robot for team " + message.team();
    Robot robot = settings.robotFor(message.team()).orElseThrow(() -> new DeliveryFailedException(
        "No WeCom robot for team " + message.team() + " and no default robot"
            + " (leadflow.notifications.wecom.robots)"));
    Set<String> secrets = ChannelHttp.queryValues(robot.webhook());
    Map<String, Object> body = Map.of(
        "msgtype", "markdown",
        "markdown", Map.of("content", "**" + message.subject() + "**\n" + message.markdown()));
    String answer = ChannelHttp.postJson(http, robot.webhook(), body, peer, secrets);
    ChannelHttp.requireErrcodeZero(answer, peer, secrets);
    return answer;
  }
}
