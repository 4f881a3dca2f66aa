package io.leadflow.lead;

import java.util.List;

/** A lead request that breaks rules beyond its annotations; each problem names its field. */
public class InvalidLeadException extends RuntimeException {

  public record FieldProblem(String field, String message) {}

  private final List<FieldProblem> problems;

  InvalidLeadException(List<FieldProblem> problems) {
    super("Invalid lead: " + problems);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
