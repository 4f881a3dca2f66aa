package io.leadflow.directory;

import java.util.List;

/**
 * The body of PUT /api/teams/{id}: the team's name (required to create it) and its managers
 * (exactly these user ids). An absent field keeps the current value.
 */
final class TeamRequest extends FieldPresence {

  private String name;
  private List<String> managers;

  String name() { return name; }
  List<String> managers() { return managers; }

  public void setName(String name) { this.name = name; named("name"); }
  public void setManagers(List<String> managers) { this.managers = managers; named("managers"); }
}
