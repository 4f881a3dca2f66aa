package io.leadflow.notification;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * leadflow.notifications.*: what all channels share. Each channel has its own settings
 * (leadflow.notifications.email, .dingtalk, .wecom, .sms).
 *
 * @param publicUrl where people reach this LeadFlow: the links in messages start with it
 * @param templatesDir a folder whose templates replace the built-in ones of the same name (an
 *     operator's copy, changed without a rebuild; read again when the file changes)
 * @param defaultLocale the language for people whose profile sets none
 * @param timeZone the time zone of the times in messages
 * @param connectTimeout for the HTTP channels (DingTalk, WeCom, SMS)
 * @param readTimeout for the HTTP channels: a gateway slower than this counts as failed
 */
@ConfigurationProperties("leadflow.notifications")
record NotificationProperties(
    @DefaultValue("http://localhost:8080") URI publicUrl,
    Path templatesDir,
    @DefaultValue("zh-CN") Locale defaultLocale,
    @DefaultValue("Asia/Shanghai") ZoneId timeZone,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout) {}
