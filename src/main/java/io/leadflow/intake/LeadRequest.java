package io.leadflow.intake;

import io.leadflow.intake.LeadConstraints.EmailOrPhone;
import io.leadflow.intake.LeadConstraints.FlatAttributes;
import io.leadflow.intake.LeadConstraints.PhoneNumber;
import io.leadflow.intake.LeadConstraints.Storable;
import io.leadflow.lead.LeadSource;
import io.leadflow.lifecycle.ActivityRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of POST /api/leads (and a row of an import): every field, its limits and the rules
 * between them, checked all at once.
 */
@EmailOrPhone
@Storable
public record LeadRequest(
    @Size(max = 200) String externalId,
    @NotNull LeadSource source,
    @Size(max = 200) String name,
    @Size(max = 200) String company,
    @Size(max = 200) String title,
    Boolean decisionMaker,
    @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
    @Size(max = 40) @PhoneNumber String phone,
    @Size(max = 200) String region,
    @Size(max = 100) String city,
    @Size(max = 100) String industry,
    @Size(max = 100) String product,
    @PositiveOrZero Integer companySize,
    @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal budget,
    @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
    @Size(max = 500) List<@NotNull @Valid ActivityRequest> activities,
    @Size(max = 100) @FlatAttributes(maxJson = LeadRequest.MAX_ATTRIBUTES_JSON)
    Map<@NotBlank @Size(max = 100) String, Object> attributes) {

  static final int MAX_ATTRIBUTES_JSON = 10_000;

  /** Web forms leave spaces around what people type; they are not part of an address. */
  public LeadRequest {
    email = email == null ? null : email.strip();
    phone = phone == null ? null : phone.strip();
  }
}
