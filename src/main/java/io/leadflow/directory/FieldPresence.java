package io.leadflow.directory;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which fields a request body named, including those set to null, and which fields it named that
 * do not exist. "Absent" keeps the current value, "null" clears it: that is what lets a manager or
 * a rep send only the fields they may change, and what lets a typo be reported instead of ignored.
 */
abstract class FieldPresence {

  private final Set<String> present = new LinkedHashSet<>();
  private final List<String> unknown = new ArrayList<>();

  /** Every setter calls this: Jackson calls setters only for the fields in the body. */
  protected final void named(String field) {
    present.add(field);
  }

  @JsonAnySetter
  final void unknownField(String field, Object value) {
    unknown.add(field);
  }

  final boolean has(String field) {
    return present.contains(field);
  }

  final Set<String> present() {
    return Set.copyOf(present);
  }

  final List<String> unknown() {
    return List.copyOf(unknown);
  }
}
