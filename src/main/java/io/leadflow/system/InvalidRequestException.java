package io.leadflow.system;

import java.util.List;

/** A request that breaks rules beyond its JSON types (answered with 400, naming each field). */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super("Invalid request: " + problems);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
