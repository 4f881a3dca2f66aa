package io.leadflow.notification;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Sends a text message through an HTTP SMS gateway: any provider with an HTTP API, directly or
 * behind a small adapter. The gateway gets a JSON POST:
 *
 * <pre>{@code
 * {"phoneNumber": "+8613800138000", "signName": "...", "templateId": "SMS_123",
 *  "templateParams": {"leadName": "...", ...}, "content": "<the subject>",
 *  "requestId": "<the delivery id>"}
 * }</pre>
 *
 * The number is in E.164 form, unambiguous for any country; a gateway that wants mainland
 * numbers without +86 strips it. The request id stays the same when a delivery is retried, for
 * gateways that de-duplicate. Any 2xx answer means the gateway took the message.
 */
@Component
@EnableConfigurationProperties(SmsProperties.class)
class SmsSender implements ChannelSender {

  private final RestClient http;
  private final SmsProperties settings;

  SmsSender(@Qualifier("notificationRestClient") RestClient http, SmsProperties settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  /** The mobile in E.164 form, else null. */
  @Override
  public String address(Recipient recipient) {
    return recipient.mobile();
  }

  @Override
  public String send(Message message, Recipient recipient) {
    if (settings.url() == null) {
      throw new DeliveryFailedException(
          "No SMS gateway URL is configured (leadflow.notifications.sms.url)");
    }
    String templateId = settings.templates().get(message.event());
    if (!StringUtils.hasText(templateId)) {
      throw new DeliveryFailedException("No SMS template for event " + message.event()
          + " (leadflow.notifications.sms.templates." + message.event().templateName() + ")");
    }
    if (recipient.mobile() == null) {
      throw new DeliveryFailedException("User " + recipient.userId() + " has no mobile number");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("phoneNumber", recipient.mobile());
    body.put("signName", settings.signName());
    body.put("templateId", templateId);
    body.put("templateParams", message.params());
    body.put("content", message.subject());
    body.put("requestId", message.deliveryId());
    return ChannelHttp.postJson(http, settings.url(), this::addHeaders, body, "SMS gateway",
        secrets());
  }

  private void addHeaders(HttpHeaders headers) {
    settings.headers().forEach(headers::set);
    if (StringUtils.hasText(settings.authorization())) {
      headers.set(HttpHeaders.AUTHORIZATION, settings.authorization());
    }
  }

  /** The authorization, its token without the scheme, the other headers' values, the query's. */
  private Set<String> secrets() {
    Set<String> secrets = new HashSet<>(ChannelHttp.queryValues(settings.url()));
    secrets.addAll(settings.headers().values());
    if (StringUtils.hasText(settings.authorization())) {
      String authorization = settings.authorization().strip();
      secrets.add(authorization);
      secrets.add(authorization.substring(authorization.indexOf(' ') + 1));
    }
    return secrets;
  }
}
