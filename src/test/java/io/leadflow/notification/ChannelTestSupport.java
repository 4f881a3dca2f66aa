package io.leadflow.notification;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.client.RestClient;

/**
 * For the channel tests: WireMock, the HTTP client as the app builds it, messages, recipients and
 * an address nobody listens on.
 */
final class ChannelTestSupport {

  static final Locale ZH = Locale.forLanguageTag("zh-CN");

  private ChannelTestSupport() {}

  /**
   * A WireMock server on a free port, as it comes (HTTP/2 over plain http:// included): the
   * channels' client must speak HTTP/1.1 to it, see NotificationHttp.
   */
  static WireMockExtension wireMock() {
    return WireMockExtension.newInstance()
        .options(WireMockConfiguration.wireMockConfig().dynamicPort())
        .build();
  }

  /** NotificationHttp's client with the default timeouts (2 s connect, 5 s read). */
  static RestClient restClient() {
    return restClient(Duration.ofSeconds(5));
  }

  /** NotificationHttp's client with this read timeout, e.g. a short one for a slow peer. */
  static RestClient restClient(Duration readTimeout) {
    return new NotificationHttp().notificationRestClient(new NotificationProperties(
        URI.create("http://localhost:8080"), null, ZH, java.time.ZoneId.of("Asia/Shanghai"),
        Duration.ofSeconds(2), readTimeout));
  }

  /** http://localhost:port for a port that was free a moment ago: connecting is refused. */
  static String closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://localhost:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Message message(String team, Locale locale, String subject, String markdown,
      String taskUrl) {
    return new Message(NotificationEvent.LEAD_ASSIGNED, team, locale, subject, markdown,
        "<p>" + markdown + "</p>", Map.of("leadId", "42", "leadName", "王芳"), taskUrl,
        "https://leadflow.example.cn/leads/42", "delivery-42");
  }

  static Recipient recipient(String mobile, String dingTalkUserId, String weComUserId) {
    return new Recipient("zhang.wei", "张伟", "zhang.wei@example.cn", mobile, dingTalkUserId,
        weComUserId, ZH);
  }
}
