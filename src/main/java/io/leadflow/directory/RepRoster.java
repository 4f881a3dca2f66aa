package io.leadflow.directory;

import static io.leadflow.directory.RepRequest.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.directory.DirectoryAccess.RepRights;
import io.leadflow.directory.DirectoryViews.RepView;
import io.leadflow.lead.Leads;
import io.leadflow.system.Caller;
import io.leadflow.system.ContactNormaliser;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotAllowedException;
import io.leadflow.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reps as the API shows and changes them: the Camunda user (names, e-mail, password, team
 * memberships), the LeadFlow profile (availability, capacity, weight, skills, regions) and the
 * contacts notifications use. Every change of one request is one transaction, the engine's
 * identity tables included; nothing is written unless the whole request is valid.
 */
@Service
@Transactional
class RepRoster {

  static final int MAX_NAME = 255;
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 200;
  static final int MAX_LABELS = 30;
  static final int MAX_LABEL = 100;
  /** The skills and regions columns. */
  static final int MAX_LABELS_JSON = 4000;
  static final int MAX_CHAT_ID = 64;
  static final int MAX_LOCALE = 16;
  static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** The result of a PUT: the rep, and whether the user or their rep profile was created. */
  record Saved(RepView rep, boolean created) {}

  private final TeamDirectory directory;
  private final IdentityService identity;
  private final UserContacts contacts;
  private final ContactNormaliser normaliser;
  private final Leads leads;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  RepRoster(TeamDirectory directory, IdentityService identity, UserContacts contacts,
      ContactNormaliser normaliser, Leads leads, Clock clock) {
    this.directory = directory;
    this.identity = identity;
    this.contacts = contacts;
    this.normaliser = normaliser;
    this.leads = leads;
    this.clock = clock;
  }

  /**
   * Admins: every rep, or a team's; managers: the reps of the teams they manage, or of one of
   * them; everybody else: 403.
   */
  @Transactional(readOnly = true)
  List<RepView> list(Caller caller, String teamId) {
    Collection<String> userIds;
    if (teamId != null) {
      if (!DirectoryAccess.seesTeam(caller, teamId)) {
        throw new NotAllowedException("Only admins and the team's managers see its reps");
      }
      directory.group(teamId).filter(g -> TeamDirectory.TEAM_GROUP_TYPE.equals(g.getType()))
          .orElseThrow(() -> new NotFoundException("Team " + teamId + " does not exist"));
      userIds = directory.repsOf(teamId);
    } else if (caller.isAdmin()) {
      userIds = directory.allProfiles().stream().map(RepProfile::getUserId).toList();
    } else if (caller.isManager()) {
      userIds = new TreeSet<>();
      for (String team : caller.managedTeams()) {
        userIds.addAll(directory.repsOf(team));
      }
    } else {
      throw new NotAllowedException("Only admins and managers list reps");
    }
    return views(userIds);
  }

  /** Admins, managers of one of the rep's teams and the rep themself; 404 for no such rep. */
  @Transactional(readOnly = true)
  RepView get(Caller caller, String userId) {
    if (!DirectoryAccess.seesRep(caller, userId, directory.teamsOf(userId))) {
      throw new NotAllowedException("Only admins, the rep's managers and the rep see rep " + userId);
    }
    return views(List.of(userId)).stream().findFirst()
        .orElseThrow(() -> new NotFoundException("Rep " + userId + " does not exist"));
  }

  /**
   * Creates or changes the rep. Refused (403, naming them) if the request names fields the caller
   * may not change; refused (400, naming each) if any field is invalid.
   */
  Saved put(Caller caller, String userId, RepRequest request) {
    List<String> currentTeams = directory.teamsOf(userId);
    boolean isRep = directory.findProfile(userId).isPresent();
    RepRights rights = DirectoryAccess.repRights(caller, userId, isRep, currentTeams);
    if (rights.none()) {
      throw new NotAllowedException(isRep
          ? "Only admins, the rep's managers and the rep change rep " + userId
          : "Only admins create reps");
    }
    List<FieldProblem> refused = request.present().stream().filter(f -> !rights.may(f)).sorted()
        .map(f -> new FieldProblem(f, "may only be changed by " + whoMayChange(f))).toList();
    if (!refused.isEmpty()) {
      throw new NotAllowedException("You may not change these fields of rep " + userId, refused);
    }
    if (!TeamRoster.ID.matcher(userId).matches()) {
      throw new InvalidRequestException(List.of(new FieldProblem("userId", TeamRoster.ID_RULE)));
    }

    User user = identity.createUserQuery().userId(userId).singleResult();
    // Locked as an assignment locks it: a rep set out of office is skipped by the next lead.
    Optional<RepProfile> locked = directory.lockProfile(userId);
    Optional<UserContact> contact = contacts.find(userId);
    Valid valid = validate(request, user, locked, contact);

    if (user == null) {
      directory.ensureUser(userId, valid.firstName, valid.lastName, valid.email,
          request.password());
    } else if (request.has(FIRST_NAME) || request.has(LAST_NAME) || request.has(EMAIL)
        || request.password() != null) {
      PersonNames.setName(user, valid.firstName, valid.lastName);
      user.setEmail(valid.email);
      if (request.password() != null) {
        user.setPassword(request.password());
      }
      identity.saveUser(user);
    }
    // Joins leadflow-reps (the pool's candidate group) and gets a profile if new.
    RepProfile profile = directory.ensureRep(userId, null, null, null, null);
    if (request.has(TEAMS)) {
      directory.setTeams(userId, valid.teams);
    }
    if (request.has(ACTIVE)) profile.setActive(request.active());
    profile.setOutOfOffice(valid.outOfOfficeFrom, valid.outOfOfficeUntil);
    if (request.has(MAX_OPEN_LEADS)) profile.setMaxOpenLeads(request.maxOpenLeads());
    if (request.has(WEIGHT)) profile.setWeight(request.weight());
    if (request.has(SKILLS)) profile.setSkills(valid.skills);
    if (request.has(REGIONS)) profile.setRegions(valid.regions);
    directory.save(profile);
    if (request.has(LOCALE) || request.has(MOBILE) || request.has(DINGTALK_USER_ID)
        || request.has(WECOM_USER_ID)) {
      contacts.save(userId, valid.mobile, valid.dingTalkUserId, valid.weComUserId,
          valid.locale == null ? null : Locale.forLanguageTag(valid.locale));
    }
    RepView view = views(List.of(userId)).get(0);
    return new Saved(view, user == null || locked.isEmpty());
  }

  private static String whoMayChange(String field) {
    List<String> who = new ArrayList<>(List.of("an admin"));
    if (DirectoryAccess.MANAGER_FIELDS.contains(field)) who.add("a manager of the rep's team");
    if (DirectoryAccess.SELF_FIELDS.contains(field)) who.add("the rep themself");
    return String.join(" or ", who);
  }

  /** The rep as it will be: the request's fields over the current values. */
  private static final class Valid {
    String firstName;
    String lastName;
    String email;
    Set<String> teams = Set.of();
    Instant outOfOfficeFrom;
    Instant outOfOfficeUntil;
    List<String> skills = List.of();
    List<String> regions = List.of();
    String locale;
    String mobile;
    String dingTalkUserId;
    String weComUserId;
  }

  private Valid validate(RepRequest request, User user, Optional<RepProfile> profile,
      Optional<UserContact> contact) {
    List<FieldProblem> problems = new ArrayList<>();
    request.unknown().forEach(f -> problems.add(new FieldProblem(f, "is not a known field")));
    Valid valid = new Valid();
    boolean creating = user == null;

    valid.firstName = name(request, FIRST_NAME, request.firstName(),
        creating ? null : PersonNames.given(user), creating, problems);
    valid.lastName = name(request, LAST_NAME, request.lastName(),
        creating ? null : PersonNames.family(user), creating, problems);
    valid.email = creating ? null : user.getEmail();
    if (request.has(EMAIL)) {
      String email = blankToNull(request.email());
      if (email != null && (email.length() > MAX_NAME || !EMAIL_ADDRESS.matcher(email).matches())) {
        problems.add(new FieldProblem(EMAIL, "must be an e-mail address"));
      }
      valid.email = email;
    }
    if (creating && request.password() == null) {
      problems.add(new FieldProblem(PASSWORD, "is required to create the user"));
    } else if (request.password() != null && (request.password().length() < MIN_PASSWORD
        || request.password().length() > MAX_PASSWORD)) {
      problems.add(new FieldProblem(PASSWORD,
          "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters"));
    }

    if (request.has(TEAMS)) {
      valid.teams = teams(request.teams(), problems);
    }
    if (request.has(ACTIVE) && request.active() == null) {
      problems.add(new FieldProblem(ACTIVE, "must be true or false"));
    }
    valid.outOfOfficeFrom = request.has(OUT_OF_OFFICE_FROM) ? request.outOfOfficeFrom()
        : profile.map(RepProfile::getOutOfOfficeFrom).orElse(null);
    valid.outOfOfficeUntil = request.has(OUT_OF_OFFICE_UNTIL) ? request.outOfOfficeUntil()
        : profile.map(RepProfile::getOutOfOfficeUntil).orElse(null);
    if (request.has(OUT_OF_OFFICE_FROM) || request.has(OUT_OF_OFFICE_UNTIL)) {
      if (valid.outOfOfficeUntil != null && valid.outOfOfficeFrom == null) {
        problems.add(new FieldProblem(OUT_OF_OFFICE_FROM, "is required with outOfOfficeUntil"));
      } else if (valid.outOfOfficeUntil != null
          && !valid.outOfOfficeUntil.isAfter(valid.outOfOfficeFrom)) {
        problems.add(new FieldProblem(OUT_OF_OFFICE_UNTIL, "must be after outOfOfficeFrom"));
      }
    }
    if (request.maxOpenLeads() != null && request.maxOpenLeads() < 0) {
      problems.add(new FieldProblem(MAX_OPEN_LEADS, "must be 0 or more (null for no limit)"));
    }
    if (request.has(WEIGHT) && (request.weight() == null || request.weight() < 0)) {
      problems.add(new FieldProblem(WEIGHT, "must be a whole number, 0 or more"));
    }
    if (request.has(SKILLS)) {
      valid.skills = labels(SKILLS, request.skills(), problems);
    }
    if (request.has(REGIONS)) {
      valid.regions = labels(REGIONS, request.regions(), problems);
    }

    valid.locale = request.has(LOCALE) ? blankToNull(request.locale())
        : contact.map(UserContact::getLocale).orElse(null);
    if (request.has(LOCALE) && valid.locale != null) {
      Locale locale = Locale.forLanguageTag(valid.locale);
      if (valid.locale.length() > MAX_LOCALE || locale.getLanguage().isEmpty()
          || !locale.toLanguageTag().equalsIgnoreCase(valid.locale)) {
        problems.add(new FieldProblem(LOCALE, "must be a language tag such as zh-CN or en"));
      } else {
        valid.locale = locale.toLanguageTag();
      }
    }
    valid.mobile = request.has(MOBILE) ? blankToNull(request.mobile())
        : contact.map(UserContact::getMobile).orElse(null);
    if (request.has(MOBILE) && valid.mobile != null) {
      Optional<String> e164 = normaliser.phone(valid.mobile);
      if (e164.isEmpty()) {
        problems.add(new FieldProblem(MOBILE,
            "must be a valid phone number (E.164 such as +8613800138000, or a Chinese number)"));
      }
      valid.mobile = e164.orElse(null);
    }
    valid.dingTalkUserId = chatId(request, DINGTALK_USER_ID, request.dingTalkUserId(),
        contact.map(UserContact::getDingTalkUserId).orElse(null), problems);
    valid.weComUserId = chatId(request, WECOM_USER_ID, request.weComUserId(),
        contact.map(UserContact::getWeComUserId).orElse(null), problems);

    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems.stream()
          .sorted(Comparator.comparing(FieldProblem::field)).toList());
    }
    return valid;
  }

  private static String name(RepRequest request, String field, String value, String current,
      boolean creating, List<FieldProblem> problems) {
    if (!request.has(field)) {
      if (creating) {
        problems.add(new FieldProblem(field, "is required to create the user"));
      }
      return current;
    }
    if (value == null || value.isBlank()) {
      problems.add(new FieldProblem(field, "must not be blank"));
    } else if (value.strip().length() > MAX_NAME) {
      problems.add(new FieldProblem(field, "must be at most " + MAX_NAME + " characters"));
    }
    return value == null ? null : value.strip();
  }

  private Set<String> teams(List<String> teamIds, List<FieldProblem> problems) {
    if (teamIds == null) {
      problems.add(new FieldProblem(TEAMS, "must be a list of team ids (empty for none)"));
      return Set.of();
    }
    Map<String, Group> teams = directory.teams().stream()
        .collect(Collectors.toMap(Group::getId, Function.identity()));
    Set<String> valid = new LinkedHashSet<>();
    for (int i = 0; i < teamIds.size(); i++) {
      String teamId = teamIds.get(i);
      String field = TEAMS + "[" + i + "]";
      if (teamId == null || teamId.isBlank()) {
        problems.add(new FieldProblem(field, "must not be blank"));
      } else if (!teams.containsKey(teamId.strip())) {
        problems.add(new FieldProblem(field, "is not a team: " + teamId));
      } else {
        valid.add(teamId.strip());
      }
    }
    return valid;
  }

  private List<String> labels(String field, List<String> values, List<FieldProblem> problems) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_LABELS) {
      problems.add(new FieldProblem(field, "must have at most " + MAX_LABELS + " entries"));
      return List.of();
    }
    Set<String> labels = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String path = field + "[" + i + "]";
      if (value == null || value.isBlank()) {
        problems.add(new FieldProblem(path, "must not be blank"));
      } else if (value.strip().length() > MAX_LABEL) {
        problems.add(new FieldProblem(path, "must be at most " + MAX_LABEL + " characters"));
      } else if (value.chars().anyMatch(Character::isISOControl)) {
        problems.add(new FieldProblem(path, "must not contain control characters"));
      } else {
        labels.add(value.strip());
      }
    }
    try {
      if (json.writeValueAsString(labels).length() > MAX_LABELS_JSON) {
        problems.add(new FieldProblem(field, "is too long altogether"));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(labels);
  }

  private static String chatId(RepRequest request, String field, String value, String current,
      List<FieldProblem> problems) {
    if (!request.has(field)) {
      return current;
    }
    String id = blankToNull(value);
    if (id != null && id.length() > MAX_CHAT_ID) {
      problems.add(new FieldProblem(field, "must be at most " + MAX_CHAT_ID + " characters"));
    }
    return id;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The reps among these users (users with a profile in Camunda's directory), by user id. */
  private List<RepView> views(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    List<RepProfile> profiles = directory.profiles(userIds);
    if (profiles.isEmpty()) {
      return List.of();
    }
    List<String> ids = profiles.stream().map(RepProfile::getUserId).toList();
    Map<String, User> users = identity.createUserQuery().userIdIn(ids.toArray(String[]::new))
        .list().stream().collect(Collectors.toMap(User::getId, Function.identity()));
    Map<String, Long> open = leads.openLeadCounts(ids);
    Instant now = clock.instant();
    List<RepView> views = new ArrayList<>();
    for (RepProfile profile : profiles) {
      User user = users.get(profile.getUserId());
      if (user == null) {
        continue; // the user was deleted in Camunda Admin: no longer a rep
      }
      Optional<UserContact> contact = contacts.find(user.getId());
      views.add(new RepView(user.getId(), PersonNames.given(user), PersonNames.family(user),
          user.getEmail(), directory.teamsOf(user.getId()), profile.isActive(),
          profile.getOutOfOfficeFrom(), profile.getOutOfOfficeUntil(),
          profile.isAvailable(now), profile.getMaxOpenLeads(),
          open.getOrDefault(user.getId(), 0L), profile.getWeight(), profile.getSkills(),
          profile.getRegions(), contact.map(UserContact::getLocale).orElse(null),
          contact.map(UserContact::getMobile).orElse(null),
          contact.map(UserContact::getDingTalkUserId).orElse(null),
          contact.map(UserContact::getWeComUserId).orElse(null)));
    }
    return views;
  }
}
