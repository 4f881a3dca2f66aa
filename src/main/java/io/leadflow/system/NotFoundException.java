package io.leadflow.system;

/** What the request names does not exist (answered with 404). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
