package io.leadflow.system;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Brings contacts into the one form that de-duplication compares: e-mail trimmed and lower-cased,
 * phone numbers in E.164 as libphonenumber parses them (numbers without a country code are read as
 * Chinese, so 13812345678, 138-1234-5678 and +86 138 1234 5678 are the same person).
 */
@Component
public class ContactNormaliser {

  public static final String DEFAULT_REGION = "CN";

  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

  public String email(String raw) {
    return raw == null || raw.isBlank() ? null : raw.trim().toLowerCase(Locale.ROOT);
  }

  /** The number in E.164, or empty when it is not a valid number. */
  public Optional<String> phone(String raw) {
    try {
      PhoneNumber number = phones.parse(raw, DEFAULT_REGION);
      return phones.isValidNumber(number)
          ? Optional.of(phones.format(number, PhoneNumberFormat.E164))
          : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
