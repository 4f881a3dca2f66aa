package io.leadflow.notification;

import io.leadflow.directory.PersonNames;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.directory.UserContact;
import io.leadflow.directory.UserContacts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Who hears about a notification, and where they are reached. */
@Component
class Recipients {

  private final IdentityService identity;
  private final UserContacts contacts;
  private final TeamDirectory teams;
  private final NotificationProperties properties;

  Recipients(IdentityService identity, UserContacts contacts, TeamDirectory teams,
      NotificationProperties properties) {
    this.identity = identity;
    this.contacts = contacts;
    this.teams = teams;
    this.properties = properties;
  }

  /** The rep concerned for events about them; the team's managers for the others. */
  List<Recipient> of(Notification notification) {
    Set<String> userIds = new LinkedHashSet<>();
    switch (notification.getEvent()) {
      case LEAD_ASSIGNED, SLA_REMINDER, COLLABORATION_DONE, LEADS_DIGEST ->
          add(userIds, notification.getRep());
      case LEAD_RECLAIMED -> {
        add(userIds, notification.getRep());
        userIds.addAll(managers(notification));
      }
      case LEAD_CLAIMED, NO_ELIGIBLE_REP, NEEDS_ATTENTION -> userIds.addAll(managers(notification));
    }
    return userIds.stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** The user as a recipient; empty if the user no longer exists. */
  Optional<Recipient> find(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return Optional.empty();
    }
    Optional<UserContact> contact = contacts.find(userId);
    Locale locale = contact.map(UserContact::getLocale).map(Locale::forLanguageTag)
        .orElse(properties.defaultLocale());
    return Optional.of(new Recipient(userId, PersonNames.display(user), blankToNull(user.getEmail()),
        contact.map(UserContact::getMobile).orElse(null),
        contact.map(UserContact::getDingTalkUserId).orElse(null),
        contact.map(UserContact::getWeComUserId).orElse(null), locale));
  }

  private List<String> managers(Notification notification) {
    return notification.getTeam() == null ? List.of() : teams.managersOf(notification.getTeam());
  }

  private static void add(Set<String> userIds, String userId) {
    if (userId != null) {
      userIds.add(userId);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
