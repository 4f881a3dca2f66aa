package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.notification.DingTalkProperties.MessageType;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The three channels' settings as Spring Boot binds them from the shipped application.yaml. */
class ChannelSettingsTest {

  final ApplicationContextRunner context = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withBean(Clock.class, Clock::systemUTC)
      .withUserConfiguration(NotificationHttp.class, DingTalkSender.class, WeComSender.class,
          SmsSender.class);

  @Test
  void withoutEnvironmentVariablesEveryChannelIsOffAndTheEmptyUrlsBindToNoRobotAndNoGateway() {
    context.run(app -> {
      assertThat(app).hasNotFailed();
      assertThat(app.getBeansOfType(ChannelSender.class).values())
          .extracting(ChannelSender::channel)
          .containsExactlyInAnyOrder(Channel.DINGTALK, Channel.WECOM, Channel.SMS);
      assertThat(app.getBeansOfType(ChannelSender.class).values())
          .noneMatch(ChannelSender::enabled);
      DingTalkProperties dingTalk = app.getBean(DingTalkProperties.class);
      assertThat(dingTalk.messageType()).isEqualTo(MessageType.MARKDOWN);
      assertThat(dingTalk.robotFor("east-china")).isEmpty();
      assertThat(app.getBean(WeComProperties.class).robotFor("east-china")).isEmpty();
      SmsProperties sms = app.getBean(SmsProperties.class);
      assertThat(sms.url()).isNull();
      assertThat(sms.templates()).isEmpty();
      assertThat(sms.headers()).isEmpty();
    });
  }

  @Test
  void bindsRobotsByTeamTemplatesByEventNameAndExtraHeaders() {
    context.withPropertyValues(
            "LEADFLOW_DINGTALK_ENABLED=true",
            "LEADFLOW_DINGTALK_WEBHOOK=https://oapi.dingtalk.com/robot/send?access_token=d",
            "leadflow.notifications.dingtalk.message-type=action-card",
            "leadflow.notifications.dingtalk.robots.east-china.webhook="
                + "https://oapi.dingtalk.com/robot/send?access_token=east",
            "leadflow.notifications.dingtalk.robots.east-china.secret=SECeast",
            "LEADFLOW_WECOM_WEBHOOK=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=w",
            "LEADFLOW_SMS_URL=https://sms.example.cn/v1/sms",
            "leadflow.notifications.sms.templates.lead-assigned=SMS_270015001",
            "leadflow.notifications.sms.templates.no-eligible-rep=SMS_270015005",
            "leadflow.notifications.sms.headers.[X-Api-Key]=k")
        .run(app -> {
          assertThat(app.getBean(DingTalkSender.class).enabled()).isTrue();
          DingTalkProperties dingTalk = app.getBean(DingTalkProperties.class);
          assertThat(dingTalk.messageType()).isEqualTo(MessageType.ACTION_CARD);
          assertThat(dingTalk.robotFor("east-china")).hasValueSatisfying(robot -> {
            assertThat(robot.webhook()).hasParameter("access_token", "east");
            assertThat(robot.secret()).isEqualTo("SECeast");
          });
          assertThat(dingTalk.robotFor("north-china")).hasValueSatisfying(robot -> {
            assertThat(robot.webhook()).hasParameter("access_token", "d");
            assertThat(robot.signed()).isFalse();
          });
          assertThat(app.getBean(WeComProperties.class).robotFor("north-china"))
              .hasValueSatisfying(robot -> assertThat(robot.webhook()).hasParameter("key", "w"));
          SmsProperties sms = app.getBean(SmsProperties.class);
          assertThat(sms.url()).isEqualTo(URI.create("https://sms.example.cn/v1/sms"));
          assertThat(sms.templates()).isEqualTo(Map.of(
              NotificationEvent.LEAD_ASSIGNED, "SMS_270015001",
              NotificationEvent.NO_ELIGIBLE_REP, "SMS_270015005"));
          assertThat(sms.headers()).isEqualTo(Map.of("X-Api-Key", "k"));
        });
  }
}
