package io.leadflow.system;

/** The request lost a race or conflicts with the current state (answered with 409). */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
