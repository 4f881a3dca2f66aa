package io.leadflow.system;

/** One bad or refused field of a request: its JSON path (e.g. teams[0]) and what is wrong. */
public record FieldProblem(String field, String message) {}
