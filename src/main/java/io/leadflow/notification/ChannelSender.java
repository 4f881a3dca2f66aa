package io.leadflow.notification;

/**
 * One channel (e-mail, DingTalk, WeCom, SMS). Implementations are Spring beans; the delivery
 * service finds them all and uses those that are enabled.
 */
interface ChannelSender {

  Channel channel();

  /** Switched on by configuration. */
  boolean enabled();

  /**
   * Where this recipient is reached on this channel (an e-mail address, a mobile, a chat user
   * id), recorded with the delivery; null if their profile has no address for it.
   */
  String address(Recipient recipient);

  /** How the templates' {{mention}} reads on this channel: "" where there is none. */
  default String mention(Recipient recipient) {
    return "";
  }

  /**
   * Sends the message. Returns the provider's answer, kept on the delivery record.
   *
   * @throws DeliveryFailedException when the message was not accepted: refused, an error answer,
   *     a timeout or no connection; its message says which, for the incident in Cockpit
   */
  String send(Message message, Recipient recipient);
}
