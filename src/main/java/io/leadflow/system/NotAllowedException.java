package io.leadflow.system;

import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * The caller may not do this (answered with 403); the problems name the fields the caller may not
 * change, if that is the reason.
 */
public class NotAllowedException extends AccessDeniedException {

  private final transient List<FieldProblem> problems;

  public NotAllowedException(String message) {
    this(message, List.of());
  }

  public NotAllowedException(String message, List<FieldProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
