package io.leadflow.intake;

import io.leadflow.lead.JsonColumns;
import io.leadflow.lifecycle.ActivityRequest;
import io.leadflow.system.ContactNormaliser;
import io.leadflow.system.InputLimits;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /**
   * What the database must never see from a lead, whichever way it came in (the API's JSON, an
   * import's row): text with control characters ({@link InputLimits#textProblem}) in any field,
   * tag or attribute, activity times outside {@link InputLimits}' range, and more tags than their
   * column holds as JSON.
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = StorableValidator.class)
  @interface Storable {
    String message() default "cannot be stored";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  /** The tags column (leads.tags, V10) holds the tags as a JSON list of up to this length. */
  static final int MAX_TAGS_JSON = 12_000;

  static final class StorableValidator implements ConstraintValidator<Storable, LeadRequest> {

    @Override
    public boolean isValid(LeadRequest request, ConstraintValidatorContext context) {
      Problems problems = new Problems(context);
      for (RecordComponent component : LeadRequest.class.getRecordComponents()) {
        if (component.getType() == String.class) {
          problems.text(component.getName(), (String) value(component, request));
        }
      }
      List<String> tags = request.tags();
      if (tags != null) {
        for (int i = 0; i < tags.size(); i++) {
          problems.text("tags[" + i + "]", tags.get(i));
        }
        if (tags.stream().noneMatch(Objects::isNull)
            && JsonColumns.write(tags).length() > MAX_TAGS_JSON) {
          problems.add("tags", "must not exceed " + MAX_TAGS_JSON + " characters as JSON");
        }
      }
      if (request.attributes() != null) {
        request.attributes().forEach((key, value) -> {
          problems.text("attributes", key);
          if (value instanceof String text) {
            problems.text("attributes." + key, text);
          }
        });
      }
      List<ActivityRequest> activities = request.activities();
      for (int i = 0; activities != null && i < activities.size(); i++) {
        if (activities.get(i) != null) {
          problems.add("activities[" + i + "].at", InputLimits.timeProblem(activities.get(i).at()));
        }
      }
      return problems.none();
    }

    private static Object value(RecordComponent component, LeadRequest request) {
      try {
        return component.getAccessor().invoke(request);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The violations of one constraint, each on its own field. */
  private static final class Problems {
    private final ConstraintValidatorContext context;
    private boolean none = true;

    Problems(ConstraintValidatorContext context) {
      this.context = context;
    }

    void text(String field, String text) {
      add(field, InputLimits.textProblem(text));
    }

    void add(String field, String problem) {
      if (problem == null) {
        return;
      }
      if (none) {
        context.disableDefaultConstraintViolation();
        none = false;
      }
      // The message is the problem itself, not a template: {...} in it stays as it is.
      context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{")
          .replace("$", "\\$")).addPropertyNode(field).addConstraintViolation();
    }

    boolean none() {
      return none;
    }
  }
}
