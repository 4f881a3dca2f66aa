package io.leadflow.notification;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * leadflow.notifications.sms.*: an HTTP SMS gateway that takes a JSON POST (see
 * {@link SmsSender} for the request).
 *
 * @param url where the gateway takes messages
 * @param signName the SMS signature (短信签名) registered with the provider
 * @param templates the provider's template id for each event; an SMS for an event without one
 *     fails (retried, then an incident names it)
 * @param authorization the Authorization header's value (e.g. "Bearer ..."), if the gateway wants
 *     one; set it from the environment
 * @param headers further headers the gateway wants (e.g. an API key header)
 */
@ConfigurationProperties("leadflow.notifications.sms")
record SmsProperties(
    @DefaultValue("false") boolean enabled,
    URI url,
    String signName,
    @DefaultValue Map<NotificationEvent, String> templates,
    String authorization,
    @DefaultValue Map<String, String> headers) {

  SmsProperties {
    templates = templates == null ? Map.of() : Map.copyOf(templates);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
