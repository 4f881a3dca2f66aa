package io.leadflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail through Spring's mail sender (spring.mail.host, port, username, password): a
 * multipart/alternative message with the Markdown as its text part and the HTML rendering of it.
 */
@Component
@EnableConfigurationProperties(EmailSender.Settings.class)
class EmailSender implements ChannelSender {

  /**
   * leadflow.notifications.email.*
   *
   * @param from the sender, e.g. "LeadFlow &lt;leadflow@example.com&gt;"
   */
  @ConfigurationProperties("leadflow.notifications.email")
  record Settings(@DefaultValue("false") boolean enabled,
      @DefaultValue("LeadFlow <leadflow@localhost>") String from) {}

  private final Settings settings;
  private final JavaMailSender mail;

  EmailSender(Settings settings, ObjectProvider<JavaMailSender> mail) {
    this.settings = settings;
    this.mail = mail.getIfAvailable();
    if (settings.enabled() && this.mail == null) {
      throw new IllegalStateException("leadflow.notifications.email.enabled is true but no mail"
          + " server is configured: set spring.mail.host (SPRING_MAIL_HOST)");
    }
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public String address(Recipient recipient) {
    return recipient.email();
  }

  @Override
  public String send(Message message, Recipient recipient) {
    try {
      MimeMessage mime = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
      helper.setFrom(settings.from());
      helper.setTo(recipient.email());
      helper.setSubject(message.subject());
      helper.setText(message.markdown(), message.html());
      mime.setHeader("X-LeadFlow-Delivery", message.deliveryId());
      mail.send(mime);
      return "accepted, Message-ID " + mime.getMessageID();
    } catch (MailException | MessagingException e) {
      throw new DeliveryFailedException("SMTP: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
    return root == e ? text : e.getMessage() + " (" + text + ")";
  }
}
