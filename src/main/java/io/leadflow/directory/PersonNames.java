package io.leadflow.directory;

import org.camunda.bpm.engine.identity.User;

/** How people's names are shown. */
public final class PersonNames {

  private PersonNames() {}

  /** 张伟 for Chinese names (family name first, no space), else "Wei Zhang"; the id if no name. */
  public static String display(User user) {
    String first = user.getFirstName() == null ? "" : user.getFirstName().trim();
    String last = user.getLastName() == null ? "" : user.getLastName().trim();
    if (first.isEmpty() && last.isEmpty()) {
      return user.getId();
    }
    boolean chinese = (first + last).codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    return chinese ? last + first : (first + " " + last).trim();
  }
}
