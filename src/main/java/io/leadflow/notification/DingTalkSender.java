package io.leadflow.notification;

import io.leadflow.notification.DingTalkProperties.MessageType;
import io.leadflow.notification.DingTalkProperties.Robot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Posts to the team's DingTalk group through its custom robot (自定义机器人), mentioning the
 * recipient by DingTalk user id or mobile. As a Markdown message the mention notifies them (the
 * "@..." text must be in the Markdown, which the templates' {{mention}} takes care of); as an
 * action card it is plain text, since action cards have no "at".
 *
 * <p>With a robot secret (加签) each request carries timestamp and sign: Base64 of
 * HmacSHA256(key = secret, data = timestamp + "\n" + secret), URL-encoded, the timestamp in epoch
 * milliseconds (DingTalk accepts up to an hour of clock difference).
 */
@Component
@EnableConfigurationProperties(DingTalkProperties.class)
class DingTalkSender implements ChannelSender {

  private final RestClient http;
  private final DingTalkProperties settings;
  private final Clock clock;

  DingTalkSender(@Qualifier("notificationRestClient") RestClient http,
      DingTalkProperties settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Channel channel() {
    return Channel.DINGTALK;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  /** The DingTalk user id, else the mobile (without +86 for mainland numbers), else null. */
  @Override
  public String address(Recipient recipient) {
    return recipient.dingTalkUserId() != null ? recipient.dingTalkUserId()
        : recipient.localMobile();
  }

  /** "@" and the address; "" for someone without one. */
  @Override
  public String mention(Recipient recipient) {
    String address = address(recipient);
    return address == null ? "" : "@" + address;
  }

  @Override
  public String send(Message message, Recipient recipient) {
    String peer = "DingTalk robot for team " + message.team();
    Robot robot = settings.robotFor(message.team()).orElseThrow(() -> new DeliveryFailedException(
        "No DingTalk robot for team " + message.team() + " and no default robot"
            + " (leadflow.notifications.dingtalk.robots)"));
    Set<String> secrets = ChannelHttp.queryValues(robot.webhook());
    if (robot.signed()) {
      secrets.add(robot.secret());
    }
    Object body = settings.messageType() == MessageType.ACTION_CARD ? actionCard(message)
        : markdown(message, recipient);
    String answer = ChannelHttp.postJson(http, url(robot), body, peer, secrets);
    ChannelHttp.requireErrcodeZero(answer, peer, secrets);
    return answer;
  }

  private URI url(Robot robot) {
    if (!robot.signed()) {
      return robot.webhook();
    }
    long timestamp = clock.millis();
    String separator = robot.webhook().getRawQuery() == null ? "?" : "&";
    return URI.create(robot.webhook() + separator + "timestamp=" + timestamp + "&sign="
        + sign(timestamp, robot.secret()));
  }

  /** URL-encoded Base64 of HmacSHA256(secret, timestamp + "\n" + secret). */
  private static String sign(long timestamp, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] hmac = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return URLEncoder.encode(Base64.getEncoder().encodeToString(hmac), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  private static Map<String, Object> markdown(Message message, Recipient recipient) {
    boolean byUserId = recipient.dingTalkUserId() != null;
    String mobile = recipient.localMobile();
    return Map.of(
        "msgtype", "markdown",
        "markdown", Map.of("title", message.subject(), "text", message.markdown()),
        "at", Map.of(
            "atMobiles", !byUserId && mobile != null ? List.of(mobile) : List.of(),
            "atUserIds", byUserId ? List.of(recipient.dingTalkUserId()) : List.of(),
            "isAtAll", false));
  }

  private static Map<String, Object> actionCard(Message message) {
    boolean chinese = message.locale() != null && "zh".equals(message.locale().getLanguage());
    List<Map<String, String>> buttons = new ArrayList<>();
    if (message.taskUrl() != null) {
      buttons.add(Map.of("title", chinese ? "打开任务" : "Open task",
          "actionURL", message.taskUrl()));
    }
    if (message.leadUrl() != null) {
      buttons.add(Map.of("title", chinese ? "查看线索" : "View lead",
          "actionURL", message.leadUrl()));
    }
    return Map.of(
        "msgtype", "actionCard",
        "actionCard", Map.of(
            "title", message.subject(),
            "text", message.markdown(),
            "btnOrientation", "0",
            "btns", buttons));
  }
}
