package io.leadflow.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Reading the values a Camunda Form sent: refused with a message naming the field, never guessed.
 */
public final class Forms {

  private Forms() {}

  public static String choice(DelegateExecution execution, String name, Set<String> allowed) {
    Object value = execution.getVariable(name);
    String text = value == null ? null : value.toString().trim().toLowerCase(Locale.ROOT);
    if (text == null || !allowed.contains(text)) {
      throw new IllegalArgumentException(name + " must be one of " + allowed + ", was " + value);
    }
    return text;
  }

  /** An amount the form must give (0 or more) for the outcome it goes with. */
  public static Number amount(DelegateExecution execution, String name, String requiredTo) {
    Object value = execution.getVariable(name);
    if (!(value instanceof Number number) || number.doubleValue() < 0) {
      throw new IllegalArgumentException(name + " is required to " + requiredTo
          + " and must be 0 or more, was " + value);
    }
    return number;
  }

  public static <E extends Enum<E>> E enumValue(Class<E> type, String name, Object value) {
    try {
      return Enum.valueOf(type, value.toString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be one of "
          + Arrays.toString(type.getEnumConstants()) + ", was " + value, e);
    }
  }
}
