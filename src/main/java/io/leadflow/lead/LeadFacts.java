package io.leadflow.lead;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The person and company as a lead came in, validated and normalised by the intake (e-mail
 * lower-cased, phone in E.164, blanks as null): what a new {@link Lead} is made of, and what the
 * lifecycle's decisions read.
 */
public record LeadFacts(String externalId, LeadSource source, String name, String company,
    String title, boolean decisionMaker, String email, String phone, String region, String city,
    String industry, String product, Integer companySize, BigDecimal budget, List<String> tags,
    Map<String, Object> attributes, List<Activity> activities) {

  public LeadFacts {
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? Map.of() : attributes;
    activities = activities == null ? List.of() : List.copyOf(activities);
  }
}
