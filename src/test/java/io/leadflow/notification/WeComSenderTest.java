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
import static io.leadflow.notification.ChannelTestSupport.ZH;
import static io.leadflow.notification.ChannelTestSupport.message;
import static io.leadflow.notification.ChannelTestSupport.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.leadflow.notification.WeComProperties.Robot;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/** The WeCom group robot against a real HTTP server. */
class WeComSenderTest {

  /** Stands in for https://qyapi.weixin.qq.com. */
  @RegisterExtension
  static WireMockExtension weCom = ChannelTestSupport.wireMock();

  static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";
  static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";

  static Robot robot(String key) {
    return new Robot(URI.create(weCom.baseUrl() + "/cgi-bin/webhook/send?key=" + key));
  }

  static WeComSender sender(Map<String, Robot> robots) {
    return new WeComSender(ChannelTestSupport.restClient(), new WeComProperties(true, robots));
  }

  static Message assigned(String markdown) {
    return message("east-china", ZH, "新线索：王芳", markdown, "https://leadflow.example.cn/tasks/7");
  }

  @Test
  void postsMarkdownInUtf8WithTheSubjectInBoldAndTheRepMentionedByUserId() {
    weCom.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    Recipient rep = recipient("+8613800138000", null, "ZhangWei");
    WeComSender sender = sender(Map.of("east-china", robot(KEY)));

    String answer = sender.send(assigned(sender.mention(rep) + " 请跟进：杭州云栖科技"), rep);

    assertThat(answer).isEqualTo(OK);
    weCom.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/webhook/send?key=" + KEY))
        .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
        .withRequestBody(equalToJson("""
            {"msgtype": "markdown",
             "markdown": {"content": "**新线索：王芳**\\n<@ZhangWei> 请跟进：杭州云栖科技"}}""")));
  }

  @Test
  void addressIsTheUserIdElseTheLocalMobileButOnlyAUserIdCanBeMentioned() {
    WeComSender sender = sender(Map.of("east-china", robot(KEY)));
    Recipient both = recipient("+8613800138000", "zhangwei01", "ZhangWei");
    Recipient mobileOnly = recipient("+8613800138000", "zhangwei01", null);
    Recipient neither = recipient(null, "zhangwei01", null);

    assertThat(sender.address(both)).isEqualTo("ZhangWei");
    assertThat(sender.mention(both)).isEqualTo("<@ZhangWei>");
    assertThat(sender.address(mobileOnly)).isEqualTo("13800138000");
    assertThat(sender.mention(mobileOnly)).isEmpty();
    assertThat(sender.address(neither)).isNull();
    assertThat(sender.mention(neither)).isEmpty();
  }

  @Test
  void postsThroughTheTeamsOwnRobotAndThroughTheDefaultRobotForTeamsWithoutOne() {
    weCom.stubFor(post(anyUrl()).willReturn(okJson(OK)));
    WeComSender sender = sender(Map.of(
        "east-china", robot("east-key-0001"),
        "default", robot("default-key-0001")));
    Recipient rep = recipient(null, null, "ZhangWei");

    sender.send(assigned("华东"), rep);
    sender.send(message("north-china", ZH, "新线索", "华北", null), rep);

    weCom.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/webhook/send?key=east-key-0001"))
        .withRequestBody(equalToJson(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**新线索：王芳**\\n华东\"}}")));
    weCom.verify(1, postRequestedFor(urlEqualTo("/cgi-bin/webhook/send?key=default-key-0001"))
        .withRequestBody(equalToJson(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**新线索**\\n华北\"}}")));
  }

  @Test
  void failsNamingTheTeamWhenItHasNoRobotAndThereIsNoDefault() {
    WeComSender sender = sender(Map.of("east-china", robot(KEY),
        "default", new Robot(null)));

    assertThatThrownBy(() -> sender.send(message("north-china", ZH, "新线索", "华北", null),
        recipient(null, null, "ZhangWei")))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("No WeCom robot for team north-china");
    weCom.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anErrcodeOtherThanZeroIsAFailureWithTheErrcodeAndWithoutTheKey() {
    weCom.stubFor(post(anyUrl()).willReturn(okJson("""
        {"errcode":93000,"errmsg":"invalid webhook url, key=%s, hint: [1700000000_1]"}"""
        .formatted(KEY))));

    assertThatThrownBy(() -> sender(Map.of("east-china", robot(KEY)))
        .send(assigned("新线索"), recipient(null, null, "ZhangWei")))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("WeCom robot for team east-china refused: errcode 93000 "
            + "invalid webhook url, key=***, hint: [1700000000_1]")
        .message().doesNotContain(KEY);
  }

  @Test
  void anHttpErrorIsAFailureWithStatusAndBody() {
    weCom.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502)
        .withBody("<html>502 Bad Gateway</html>")));

    assertThatThrownBy(() -> sender(Map.of("east-china", robot(KEY)))
        .send(assigned("新线索"), recipient(null, null, "ZhangWei")))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("WeCom robot for team east-china answered HTTP 502: "
            + "<html>502 Bad Gateway</html>");
  }

  @Test
  void anAnswerWithoutErrcodeIsAFailure() {
    weCom.stubFor(post(anyUrl()).willReturn(okJson("{\"status\":\"queued\"}")));

    assertThatThrownBy(() -> sender(Map.of("east-china", robot(KEY)))
        .send(assigned("新线索"), recipient(null, null, "ZhangWei")))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("WeCom robot for team east-china gave an answer without errcode: "
            + "{\"status\":\"queued\"}");
  }

  @Test
  void aRobotTooSlowToAnswerIsATimeoutFailure() {
    weCom.stubFor(post(anyUrl()).willReturn(okJson(OK).withFixedDelay(1500)));
    RestClient impatient = ChannelTestSupport.restClient(Duration.ofMillis(200));
    WeComSender sender = new WeComSender(impatient,
        new WeComProperties(true, Map.of("east-china", robot(KEY))));

    assertThatThrownBy(() -> sender.send(assigned("新线索"), recipient(null, null, "ZhangWei")))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageStartingWith("WeCom robot for team east-china: timeout")
        .message().doesNotContain(KEY);
  }

  @Test
  void aRefusedConnectionIsAConnectionFailure() {
    Robot nobodyListens = new Robot(URI.create(ChannelTestSupport.closedPortUrl()
        + "/cgi-bin/webhook/send?key=" + KEY));

    assertThatThrownBy(() -> sender(Map.of("east-china", nobodyListens))
        .send(assigned("新线索"), recipient(null, null, "ZhangWei")))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageStartingWith("WeCom robot for team east-china: connection error")
        .message().doesNotContain(KEY);
  }
}
