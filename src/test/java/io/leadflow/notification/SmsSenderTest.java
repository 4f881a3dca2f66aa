package io.leadflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.leadflow.notification.ChannelTestSupport.ZH;
import static io.leadflow.notification.ChannelTestSupport.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/** The HTTP SMS gateway against a real HTTP server. */
class SmsSenderTest {

  @RegisterExtension
  static WireMockExtension gateway = ChannelTestSupport.wireMock();

  static final String TOKEN = "sms-gateway-token-7c1e9a";
  static final String ACCEPTED = "{\"requestId\":\"delivery-42\",\"status\":\"ACCEPTED\"}";

  static SmsProperties settings(String authorization, Map<String, String> headers) {
    return new SmsProperties(true, URI.create(gateway.baseUrl() + "/v1/sms"), "领客通",
        Map.of(NotificationEvent.LEAD_ASSIGNED, "SMS_270015001"), authorization, headers);
  }

  static SmsSender sender(SmsProperties settings) {
    return new SmsSender(ChannelTestSupport.restClient(), settings);
  }

  static SmsSender sender() {
    return sender(settings("Bearer " + TOKEN, Map.of()));
  }

  static Message message(NotificationEvent event) {
    return new Message(event, "east-china", ZH, "新线索：王芳（杭州云栖科技）", "markdown", "<p>html</p>",
        Map.of("leadName", "王芳", "company", "杭州云栖科技"), "https://leadflow.example.cn/tasks/7",
        "https://leadflow.example.cn/leads/42", "delivery-42");
  }

  static Recipient rep() {
    return recipient("+8613800138000", null, null);
  }

  @Test
  void postsTheTemplateRequestInUtf8WithAuthorizationAndTheExtraHeaders() {
    gateway.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202).withBody(ACCEPTED)));
    SmsSender sender = sender(settings("Bearer " + TOKEN, Map.of("X-Tenant", "leadflow-cn")));

    String answer = sender.send(message(NotificationEvent.LEAD_ASSIGNED), rep());

    assertThat(answer).isEqualTo(ACCEPTED);
    gateway.verify(1, postRequestedFor(urlEqualTo("/v1/sms"))
        .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-Tenant", equalTo("leadflow-cn"))
        .withRequestBody(equalToJson("""
            {"phoneNumber": "+8613800138000",
             "signName": "领客通",
             "templateId": "SMS_270015001",
             "templateParams": {"leadName": "王芳", "company": "杭州云栖科技"},
             "content": "新线索：王芳（杭州云栖科技）",
             "requestId": "delivery-42"}""")));
  }

  @Test
  void sendsNoAuthorizationHeaderWhenNoneIsConfigured() {
    gateway.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody(ACCEPTED)));

    sender(settings("", Map.of())).send(message(NotificationEvent.LEAD_ASSIGNED), rep());

    gateway.verify(1, postRequestedFor(urlEqualTo("/v1/sms"))
        .withHeader("Authorization", absent()));
  }

  @Test
  void addressIsTheMobileInE164FormElseNothing() {
    assertThat(sender().address(rep())).isEqualTo("+8613800138000");
    assertThat(sender().address(recipient(null, "zhangwei01", "ZhangWei"))).isNull();
    assertThat(sender().mention(rep())).isEmpty();
  }

  @Test
  void failsNamingTheEventWhenItHasNoTemplate() {
    assertThatThrownBy(() -> sender().send(message(NotificationEvent.SLA_REMINDER), rep()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("No SMS template for event SLA_REMINDER")
        .hasMessageContaining("leadflow.notifications.sms.templates.sla-reminder");
    gateway.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void failsWhenNoGatewayUrlIsConfigured() {
    SmsSender sender = sender(new SmsProperties(true, null, "领客通",
        Map.of(NotificationEvent.LEAD_ASSIGNED, "SMS_270015001"), null, Map.of()));

    assertThatThrownBy(() -> sender.send(message(NotificationEvent.LEAD_ASSIGNED), rep()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("leadflow.notifications.sms.url");
  }

  @Test
  void failsForARecipientWithoutMobile() {
    assertThatThrownBy(() -> sender().send(message(NotificationEvent.LEAD_ASSIGNED),
        recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("User zhang.wei has no mobile number");
    gateway.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anErrorStatusIsAFailureWithStatusAndBodyButNeverTheAuthorization() {
    gateway.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"token " + TOKEN + " expired\"}")));

    assertThatThrownBy(() -> sender().send(message(NotificationEvent.LEAD_ASSIGNED), rep()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("SMS gateway answered HTTP 401: {\"error\":\"token *** expired\"}");
  }

  @Test
  void aServerErrorIsAFailure() {
    gateway.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503).withBody("busy")));

    assertThatThrownBy(() -> sender().send(message(NotificationEvent.LEAD_ASSIGNED), rep()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("SMS gateway answered HTTP 503: busy");
  }

  @Test
  void aGatewayTooSlowToAnswerIsATimeoutFailure() {
    gateway.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody(ACCEPTED)
        .withFixedDelay(1500)));
    RestClient impatient = ChannelTestSupport.restClient(Duration.ofMillis(200));

    assertThatThrownBy(() -> new SmsSender(impatient, settings("Bearer " + TOKEN, Map.of()))
        .send(message(NotificationEvent.LEAD_ASSIGNED), rep()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageStartingWith("SMS gateway: timeout")
        .message().doesNotContain(TOKEN);
  }

  @Test
  void aRefusedConnectionIsAConnectionFailure() {
    SmsSender sender = sender(new SmsProperties(true,
        URI.create(ChannelTestSupport.closedPortUrl() + "/v1/sms"), "领客通",
        Map.of(NotificationEvent.LEAD_ASSIGNED, "SMS_270015001"), "Bearer " + TOKEN, Map.of()));

    assertThatThrownBy(() -> sender.send(message(NotificationEvent.LEAD_ASSIGNED), rep()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageStartingWith("SMS gateway: connection error")
        .message().doesNotContain(TOKEN);
  }
}
