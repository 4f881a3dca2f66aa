package io.leadflow.notification;

import java.util.Locale;
import java.util.Map;

/**
 * One notification rendered for one recipient and one channel.
 *
 * @param team the lead's team: a chat channel may post to the team's own robot
 * @param subject one line: the e-mail subject, the chat message title, the SMS text
 * @param markdown the body as Markdown, with this channel's mention of the recipient in it
 * @param html the same body as HTML (for e-mail)
 * @param params the facts by name (leadId, leadName, company, ...), e.g. for SMS template params
 * @param deliveryId the delivery's id: a request id for providers that de-duplicate
 */
record Message(NotificationEvent event, String team, Locale locale, String subject,
    String markdown, String html, Map<String, String> params, String taskUrl, String leadUrl,
    String deliveryId) {}
