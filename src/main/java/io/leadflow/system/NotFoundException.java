package io.leadflow.system;

/** The addressed thing does not exist (answered with 404). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
