package io.leadflow.directory;

import io.leadflow.system.ContactNormaliser;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People's mobile, chat ids and language: what notifications need besides the e-mail address. */
@Service
@Transactional
public class UserContacts {

  private final UserContactRepository contacts;
  private final ContactNormaliser normaliser;

  UserContacts(UserContactRepository contacts, ContactNormaliser normaliser) {
    this.contacts = contacts;
    this.normaliser = normaliser;
  }

  /**
   * Sets the user's contacts (null clears one). The mobile is stored in E.164.
   *
   * @throws IllegalArgumentException for a mobile that is not a valid number
   */
  public UserContact save(String userId, String mobile, String dingTalkUserId, String weComUserId,
      Locale locale) {
    String e164 = null;
    if (mobile != null && !mobile.isBlank()) {
      e164 = normaliser.phone(mobile).orElseThrow(
          () -> new IllegalArgumentException("mobile is not a valid phone number: " + mobile));
    }
    UserContact contact = contacts.findById(userId).orElseGet(() -> new UserContact(userId));
    contact.update(e164, blankToNull(dingTalkUserId), blankToNull(weComUserId),
        locale == null ? null : locale.toLanguageTag());
    return contacts.save(contact);
  }

  @Transactional(readOnly = true)
  public Optional<UserContact> find(String userId) {
    return contacts.findById(userId);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
