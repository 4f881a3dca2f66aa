package io.leadflow.system;

import java.util.List;
import java.util.stream.Collectors;

/** A request that breaks rules beyond its JSON types (answered with 400, naming each field). */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(problems.stream().map(p -> p.field() + ": " + p.message())
        .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
