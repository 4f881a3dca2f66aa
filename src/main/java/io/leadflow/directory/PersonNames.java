package io.leadflow.directory;

import org.camunda.bpm.engine.identity.User;

/**
 * How people's names are kept and shown. Camunda's webapps show a user as "first last", so a
 * Chinese name (one written in Han characters) is kept family name first: Camunda's first name
 * holds the family name (王) and its last name the given name (芳), and Tasklist and Cockpit show
 * "王 芳". LeadFlow's API speaks of the given name (firstName) and the family name (lastName) for
 * everyone alike.
 */
public final class PersonNames {

  private PersonNames() {}

  /** 王芳 for Chinese names (family name first, no space), else "Wei Zhang"; the id if no name. */
  public static String display(User user) {
    String first = trim(user.getFirstName());
    String last = trim(user.getLastName());
    if (first.isEmpty() && last.isEmpty()) {
      return user.getId();
    }
    return chinese(first, last) ? first + last : (first + " " + last).trim();
  }

  /** Puts a person's given and family name into Camunda's first and last name. */
  public static void setName(User user, String given, String family) {
    boolean familyFirst = chinese(given, family);
    user.setFirstName(familyFirst ? family : given);
    user.setLastName(familyFirst ? given : family);
  }

  public static String given(User user) {
    return chinese(user.getFirstName(), user.getLastName()) ? user.getLastName()
        : user.getFirstName();
  }

  public static String family(User user) {
    return chinese(user.getFirstName(), user.getLastName()) ? user.getFirstName()
        : user.getLastName();
  }

  static boolean chinese(String... parts) {
    for (String part : parts) {
      if (part != null && part.codePoints()
          .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String name) {
    return name == null ? "" : name.trim();
  }
}
