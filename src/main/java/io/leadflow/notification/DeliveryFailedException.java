package io.leadflow.notification;

/** A channel did not take a message. The message is for people: it ends up in Cockpit. */
class DeliveryFailedException extends RuntimeException {

  public DeliveryFailedException(String message) {
    super(message);
  }

  public DeliveryFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
