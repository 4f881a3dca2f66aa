package io.leadflow.intake;

import io.leadflow.lead.JsonColumns;
import io.leadflow.system.ContactNormaliser;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * The rules of a lead request that its fields' annotations cannot say, as constraints, so that
 * every problem of a request is found in one pass (the API's 400, an import's bad row).
 */
final class LeadConstraints {

  private LeadConstraints() {}

  /** A phone number libphonenumber reads as valid (numbers without a country code are Chinese). */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = PhoneNumberValidator.class)
  @interface PhoneNumber {
    String message() default "is not a valid phone number";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  static final class PhoneNumberValidator implements ConstraintValidator<PhoneNumber, String> {
    private final ContactNormaliser normaliser = new ContactNormaliser();

    @Override
    public boolean isValid(String phone, ConstraintValidatorContext context) {
      return phone == null || phone.isBlank() || normaliser.phone(phone).isPresent();
    }
  }

  /** A lead is reached by e-mail or phone: one of them must be there. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = EmailOrPhoneValidator.class)
  @interface EmailOrPhone {
    String message() default "email or phone is required";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  static final class EmailOrPhoneValidator
      implements ConstraintValidator<EmailOrPhone, LeadRequest> {
    @Override
    public boolean isValid(LeadRequest request, ConstraintValidatorContext context) {
      if (!blank(request.email()) || !blank(request.phone())) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      for (String field : new String[] {"email", "phone"}) {
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
            .addPropertyNode(field).addConstraintViolation();
      }
      return false;
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }

  /**
   * Attributes are flat (each a string, number, boolean or null) and fit their column as JSON.
   */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = FlatAttributesValidator.class)
  @interface FlatAttributes {
    int maxJson();
    String message() default "must not exceed {maxJson} characters as JSON";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  static final class FlatAttributesValidator
      implements ConstraintValidator<FlatAttributes, Map<String, Object>> {
    private int maxJson;

    @Override
    public void initialize(FlatAttributes annotation) {
      maxJson = annotation.maxJson();
    }

    @Override
    public boolean isValid(Map<String, Object> attributes, ConstraintValidatorContext context) {
      if (attributes == null) {
        return true;
      }
      boolean flat = true;
      for (Map.Entry<String, Object> entry : attributes.entrySet()) {
        Object value = entry.getValue();
        if (value != null && !(value instanceof String || value instanceof Number
            || value instanceof Boolean)) {
          if (flat) {
            context.disableDefaultConstraintViolation();
          }
          flat = false;
          context.buildConstraintViolationWithTemplate(
              "must be a string, number, boolean or null").addPropertyNode(entry.getKey())
              .addConstraintViolation();
        }
      }
      return flat && JsonColumns.write(attributes).length() <= maxJson;
    }
  }
}
