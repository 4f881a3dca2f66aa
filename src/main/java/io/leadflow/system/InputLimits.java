package io.leadflow.system;

import java.time.Instant;

/**
 * What any text or time a client sends must keep to, whatever the field: the checks are made
 * before the database sees a value (PostgreSQL refuses a NUL character in text, and times far
 * outside its range), so a hostile value is a 400 naming its field, never a 500. The JSON bodies
 * of every endpoint are held to them while they are read ({@link BodyProblems}), query
 * parameters by {@link RequestLimits}, and a lead's fields also by its own constraints (so
 * that an import's rows are too).
 */
public final class InputLimits {

  /** The earliest time LeadFlow takes (activities, contacts, absences): 1970-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  /** The first time past the latest LeadFlow takes: 2100-01-01T00:00:00Z. */
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  public static final String TIME_OUT_OF_RANGE =
      "must be between " + EARLIEST + " and " + LATEST;

  private InputLimits() {}

  /**
   * The problem of a text, or null: control characters (U+0000 to U+001F but tab, line feed and
   * carriage return, U+007F to U+009F) and halves of a surrogate pair that are not a character.
   */
  public static String textProblem(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain a lone surrogate (" + codePoint(c) + ")";
      } else if (c != '\t' && c != '\n' && c != '\r' && Character.getType(c) == Character.CONTROL) {
        return "must not contain control characters (" + codePoint(c) + ")";
      }
    }
    return null;
  }

  /** The problem of a time, or null when it lies in [{@link #EARLIEST}, {@link #LATEST}). */
  public static String timeProblem(Instant time) {
    return time == null || (!time.isBefore(EARLIEST) && time.isBefore(LATEST)) ? null
        : TIME_OUT_OF_RANGE;
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }
}
