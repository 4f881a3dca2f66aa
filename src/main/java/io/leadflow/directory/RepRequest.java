package io.leadflow.directory;

import java.time.Instant;
import java.util.List;

/**
 * The body of PUT /api/reps/{userId}. An absent field keeps the current value (or the default,
 * for a new rep); a field sent as null clears it where that means something (out of office,
 * maxOpenLeads, contacts, e-mail).
 */
final class RepRequest extends FieldPresence {

  static final String FIRST_NAME = "firstName";
  static final String LAST_NAME = "lastName";
  static final String EMAIL = "email";
  static final String PASSWORD = "password";
  static final String TEAMS = "teams";
  static final String ACTIVE = "active";
  static final String OUT_OF_OFFICE_FROM = "outOfOfficeFrom";
  static final String OUT_OF_OFFICE_UNTIL = "outOfOfficeUntil";
  static final String MAX_OPEN_LEADS = "maxOpenLeads";
  static final String WEIGHT = "weight";
  static final String SKILLS = "skills";
  static final String REGIONS = "regions";
  static final String LOCALE = "locale";
  static final String MOBILE = "mobile";
  static final String DINGTALK_USER_ID = "dingTalkUserId";
  static final String WECOM_USER_ID = "weComUserId";

  private String firstName;
  private String lastName;
  private String email;
  private String password;
  private List<String> teams;
  private Boolean active;
  private Instant outOfOfficeFrom;
  private Instant outOfOfficeUntil;
  private Integer maxOpenLeads;
  private Integer weight;
  private List<String> skills;
  private List<String> regions;
  private String locale;
  private String mobile;
  private String dingTalkUserId;
  private String weComUserId;

  String firstName() { return firstName; }
  String lastName() { return lastName; }
  String email() { return email; }
  String password() { return password; }
  List<String> teams() { return teams; }
  Boolean active() { return active; }
  Instant outOfOfficeFrom() { return outOfOfficeFrom; }
  Instant outOfOfficeUntil() { return outOfOfficeUntil; }
  Integer maxOpenLeads() { return maxOpenLeads; }
  Integer weight() { return weight; }
  List<String> skills() { return skills; }
  List<String> regions() { return regions; }
  String locale() { return locale; }
  String mobile() { return mobile; }
  String dingTalkUserId() { return dingTalkUserId; }
  String weComUserId() { return weComUserId; }

  public void setFirstName(String v) { firstName = v; named(FIRST_NAME); }
  public void setLastName(String v) { lastName = v; named(LAST_NAME); }
  public void setEmail(String v) { email = v; named(EMAIL); }
  public void setPassword(String v) { password = v; named(PASSWORD); }
  public void setTeams(List<String> v) { teams = v; named(TEAMS); }
  public void setActive(Boolean v) { active = v; named(ACTIVE); }
  public void setOutOfOfficeFrom(Instant v) { outOfOfficeFrom = v; named(OUT_OF_OFFICE_FROM); }
  public void setOutOfOfficeUntil(Instant v) { outOfOfficeUntil = v; named(OUT_OF_OFFICE_UNTIL); }
  public void setMaxOpenLeads(Integer v) { maxOpenLeads = v; named(MAX_OPEN_LEADS); }
  public void setWeight(Integer v) { weight = v; named(WEIGHT); }
  public void setSkills(List<String> v) { skills = v; named(SKILLS); }
  public void setRegions(List<String> v) { regions = v; named(REGIONS); }
  public void setLocale(String v) { locale = v; named(LOCALE); }
  public void setMobile(String v) { mobile = v; named(MOBILE); }
  public void setDingTalkUserId(String v) { dingTalkUserId = v; named(DINGTALK_USER_ID); }
  public void setWeComUserId(String v) { weComUserId = v; named(WECOM_USER_ID); }
}
