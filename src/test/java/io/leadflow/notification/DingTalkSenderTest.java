package io.leadflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.leadflow.notification.ChannelTestSupport.ZH;
import static io.leadflow.notification.ChannelTestSupport.message;
import static io.leadflow.notification.ChannelTestSupport.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.leadflow.notification.DingTalkProperties.MessageType;
import io.leadflow.notification.DingTalkProperties.Robot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/** The DingTalk custom robot against a real HTTP server. */
class DingTalkSenderTest {

  /** Stands in for https://oapi.dingtalk.com. */
  @RegisterExtension
  static WireMockExtension dingTalk = ChannelTestSupport.wireMock();

  static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";
  static final String TOKEN = "east0token0abcdef123456";
  static final String SECRET = "SECd1ngTalkT3stSecret0011";
  /** 2026-01-01T00:00:00Z. */
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1767225600000L), ZoneOffset.UTC);

  static Robot robot(String path, String token, String secret) {
    return new Robot(URI.create(dingTalk.baseUrl() + path + "?access_token=" + token), secret);
  }

  static DingTalkSender sender(MessageType type, Map<String, Robot> robots) {
    return new DingTalkSender(ChannelTestSupport.restClient(),
        new DingTalkProperties(true, type, robots), CLOCK);
  }

  static DingTalkSender markdownSender(Robot eastChina) {
    return sender(MessageType.MARKDOWN, Map.of("east-china", eastChina));
  }

  static Message assigned(String markdown) {
    return message("east-china", ZH, "新线索：王芳", markdown, "https://leadflow.example.cn/tasks/7");
  }

  // --- Payload and mentions ------------------------------------------------------------------

  @Test
  void postsAMarkdownMessageInUtf8ThatMentionsTheRepByDingTalkUserId() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    Recipient rep = recipient("+8613800138000", "zhangwei01", null);
    DingTalkSender sender = markdownSender(robot("/robot/send", TOKEN, null));

    String answer = sender.send(assigned("### 新线索\n" + sender.mention(rep) + " 请跟进：杭州云栖科技"),
        rep);

    assertThat(answer).isEqualTo(OK);
    dingTalk.verify(1, postRequestedFor(urlEqualTo("/robot/send?access_token=" + TOKEN))
        .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
        .withRequestBody(equalToJson("""
            {"msgtype": "markdown",
             "markdown": {"title": "新线索：王芳",
                          "text": "### 新线索\\n@zhangwei01 请跟进：杭州云栖科技"},
             "at": {"atMobiles": [], "atUserIds": ["zhangwei01"], "isAtAll": false}}""")));
  }

  @Test
  void mentionsByMainlandMobileWithoutPlus86WhenTheRepHasNoDingTalkUserId() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    Recipient rep = recipient("+8613800138000", null, null);
    DingTalkSender sender = markdownSender(robot("/robot/send", TOKEN, null));

    sender.send(assigned(sender.mention(rep) + " 新线索"), rep);

    dingTalk.verify(postRequestedFor(urlPathEqualTo("/robot/send"))
        .withRequestBody(equalToJson("""
            {"msgtype": "markdown",
             "markdown": {"title": "新线索：王芳", "text": "@13800138000 新线索"},
             "at": {"atMobiles": ["13800138000"], "atUserIds": [], "isAtAll": false}}""")));
  }

  @Test
  void addressAndMentionAreTheDingTalkUserIdElseTheLocalMobileElseNothing() {
    DingTalkSender sender = markdownSender(robot("/robot/send", TOKEN, null));
    Recipient both = recipient("+8613800138000", "zhangwei01", "wecom-zw");
    Recipient mobileOnly = recipient("+8613800138000", null, null);
    Recipient foreignMobile = recipient("+6591234567", null, null);
    Recipient neither = recipient(null, null, "wecom-zw");

    assertThat(sender.address(both)).isEqualTo("zhangwei01");
    assertThat(sender.mention(both)).isEqualTo("@zhangwei01");
    assertThat(sender.address(mobileOnly)).isEqualTo("13800138000");
    assertThat(sender.mention(mobileOnly)).isEqualTo("@13800138000");
    assertThat(sender.address(foreignMobile)).isEqualTo("+6591234567");
    assertThat(sender.address(neither)).isNull();
    assertThat(sender.mention(neither)).isEmpty();
  }

  @Test
  void sendsAnActionCardWithChineseButtonsToTheTaskAndTheLead() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    DingTalkSender sender = sender(MessageType.ACTION_CARD,
        Map.of("east-china", robot("/robot/send", TOKEN, null)));

    sender.send(assigned("### 新线索\n王芳 · 杭州云栖科技"), recipient(null, "zhangwei01", null));

    dingTalk.verify(postRequestedFor(urlPathEqualTo("/robot/send"))
        .withRequestBody(equalToJson("""
            {"msgtype": "actionCard",
             "actionCard": {
               "title": "新线索：王芳",
               "text": "### 新线索\\n王芳 · 杭州云栖科技",
               "btnOrientation": "0",
               "btns": [
                 {"title": "打开任务", "actionURL": "https://leadflow.example.cn/tasks/7"},
                 {"title": "查看线索", "actionURL": "https://leadflow.example.cn/leads/42"}]}}""")));
  }

  @Test
  void anActionCardWithoutATaskHasOnlyTheLeadButtonInEnglishForEnglishMessages() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    DingTalkSender sender = sender(MessageType.ACTION_CARD,
        Map.of("east-china", robot("/robot/send", TOKEN, null)));

    sender.send(message("east-china", Locale.ENGLISH, "Lead reclaimed", "Back in the pool", null),
        recipient(null, "zhangwei01", null));

    dingTalk.verify(postRequestedFor(urlPathEqualTo("/robot/send"))
        .withRequestBody(equalToJson("""
            {"msgtype": "actionCard",
             "actionCard": {
               "title": "Lead reclaimed",
               "text": "Back in the pool",
               "btnOrientation": "0",
               "btns": [{"title": "View lead",
                         "actionURL": "https://leadflow.example.cn/leads/42"}]}}""")));
  }

  // --- Signing -------------------------------------------------------------------------------

  @Test
  void signsTheWebhookWithTimestampAndHmacWhenASecretIsSet() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));

    markdownSender(robot("/robot/send", TOKEN, SECRET))
        .send(assigned("新线索"), recipient(null, "zhangwei01", null));

    // Computed once outside Java: python3 hmac.new(secret, f"{ts}\n{secret}", sha256), base64,
    // urllib.parse.quote_plus.
    dingTalk.verify(1, postRequestedFor(urlEqualTo("/robot/send?access_token=" + TOKEN
        + "&timestamp=1767225600000&sign=HE2FY1frXuVlFkLFjwr%2B8m6EzmEQwPcDo6pgUT%2Fe6%2Fo%3D")));
  }

  @Test
  void theSignIsTheBase64HmacSha256OfTimestampNewlineSecretKeyedWithTheSecret() throws Exception {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    String secret = "SEC7f3a9c2e4b1d8f6a0c5e3b7d9f1a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6";
    Clock clock = Clock.fixed(Instant.parse("2026-03-15T08:30:12.345Z"), ZoneOffset.UTC);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(
        mac.doFinal(("1773563412345\n" + secret).getBytes(StandardCharsets.UTF_8)));

    new DingTalkSender(ChannelTestSupport.restClient(), new DingTalkProperties(true,
        MessageType.MARKDOWN, Map.of("east-china", robot("/robot/send", TOKEN, secret))), clock)
        .send(assigned("新线索"), recipient(null, "zhangwei01", null));

    // The server decodes the query: the sign arrives as the exact Base64 text.
    dingTalk.verify(1, postRequestedFor(urlPathEqualTo("/robot/send"))
        .withQueryParam("access_token", equalTo(TOKEN))
        .withQueryParam("timestamp", equalTo("1773563412345"))
        .withQueryParam("sign", equalTo(expected)));
  }

  @Test
  void withoutASecretTheWebhookIsCalledAsConfigured() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));

    markdownSender(robot("/robot/send", TOKEN, ""))
        .send(assigned("新线索"), recipient(null, "zhangwei01", null));

    dingTalk.verify(1, postRequestedFor(urlEqualTo("/robot/send?access_token=" + TOKEN)));
  }

  // --- Which robot ---------------------------------------------------------------------------

  @Test
  void postsThroughTheTeamsOwnRobotAndThroughTheDefaultRobotForTeamsWithoutOne() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    DingTalkSender sender = sender(MessageType.MARKDOWN, Map.of(
        "east-china", robot("/east", "east0token0abcdef", null),
        "default", robot("/default", "default0token0abcdef", null)));
    Recipient rep = recipient(null, "zhangwei01", null);

    sender.send(assigned("华东"), rep);
    sender.send(message("north-china", ZH, "新线索", "华北", null), rep);

    dingTalk.verify(1, postRequestedFor(urlEqualTo("/east?access_token=east0token0abcdef"))
        .withRequestBody(equalToJson("{\"markdown\":{\"text\":\"华东\"}}", true, true)));
    dingTalk.verify(1, postRequestedFor(urlEqualTo("/default?access_token=default0token0abcdef"))
        .withRequestBody(equalToJson("{\"markdown\":{\"text\":\"华北\"}}", true, true)));
  }

  @Test
  void failsNamingTheTeamWhenItHasNoRobotAndThereIsNoDefault() {
    DingTalkSender sender = markdownSender(robot("/east", TOKEN, null));

    assertThatThrownBy(() -> sender.send(message("north-china", ZH, "新线索", "华北", null),
        recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("north-china");
    dingTalk.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aDefaultRobotWithoutWebhookCountsAsNoRobot() {
    // As bound from an unset LEADFLOW_DINGTALK_WEBHOOK and LEADFLOW_DINGTALK_SECRET.
    DingTalkSender sender = sender(MessageType.MARKDOWN, Map.of("default", new Robot(null, "")));

    assertThatThrownBy(() -> sender.send(assigned("新线索"), recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("No DingTalk robot for team east-china");
  }

  // --- Failures ------------------------------------------------------------------------------

  @Test
  void anErrcodeOtherThanZeroIsAFailureWithTheErrcodeAndNoCredentials() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson("""
        {"errcode":310000,"errmsg":"sign not match, more: [https://ding-doc.dingtalk.com]"}""")));
    DingTalkSender sender = markdownSender(robot("/robot/send", TOKEN, SECRET));

    assertThatThrownBy(() -> sender.send(assigned("新线索"), recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("DingTalk robot for team east-china refused: errcode 310000 "
            + "sign not match, more: [https://ding-doc.dingtalk.com]")
        .message().doesNotContain(TOKEN, SECRET, "HE2FY1");
  }

  @Test
  void sendingTooFastIsAFailure() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(
        "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}")));

    assertThatThrownBy(() -> markdownSender(robot("/robot/send", TOKEN, null))
        .send(assigned("新线索"), recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("errcode 130101");
  }

  @Test
  void anHttpErrorIsAFailureWithStatusAndBodyButWithoutTheTokenTheBodyEchoes() {
    dingTalk.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500)
        .withBody("upstream error for /robot/send?access_token=" + TOKEN)));

    assertThatThrownBy(() -> markdownSender(robot("/robot/send", TOKEN, SECRET))
        .send(assigned("新线索"), recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("DingTalk robot for team east-china answered HTTP 500: "
            + "upstream error for /robot/send?access_token=***");
  }

  @Test
  void aRobotTooSlowToAnswerIsATimeoutFailure() {
    dingTalk.stubFor(post(anyUrl()).willReturn(okJson(OK).withFixedDelay(1500)));
    RestClient impatient = ChannelTestSupport.restClient(Duration.ofMillis(200));
    DingTalkSender sender = new DingTalkSender(impatient, new DingTalkProperties(true,
        MessageType.MARKDOWN, Map.of("east-china", robot("/robot/send", TOKEN, SECRET))), CLOCK);

    assertThatThrownBy(() -> sender.send(assigned("新线索"), recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageStartingWith("DingTalk robot for team east-china: timeout")
        .message().doesNotContain(TOKEN, SECRET);
  }

  @Test
  void aRefusedConnectionIsAConnectionFailure() {
    Robot nobodyListens = new Robot(URI.create(ChannelTestSupport.closedPortUrl()
        + "/robot/send?access_token=" + TOKEN), SECRET);

    assertThatThrownBy(() -> markdownSender(nobodyListens)
        .send(assigned("新线索"), recipient(null, "zhangwei01", null)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageStartingWith("DingTalk robot for team east-china: connection error")
        .message().doesNotContain(TOKEN, SECRET);
  }
}
