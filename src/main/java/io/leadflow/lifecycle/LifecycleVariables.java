package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Activity;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;

/** The facts a lead's process starts with, as the decisions and the forms read them. */
public final class LifecycleVariables {

  private LifecycleVariables() {}

  /** The variables LeadLifecycle starts with for this lead, its behaviour counted as of now. */
  public static Map<String, Object> forNewLead(long leadId, LeadFacts lead, Instant now) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(LEAD_ID, leadId);
    vars.put(LEAD_NAME, lead.name());
    vars.put(COMPANY, lead.company());
    vars.put(EMAIL, lead.email());
    vars.put(PHONE, lead.phone());
    vars.put(SOURCE, lead.source().name());
    vars.put(REGION, lead.region());
    vars.put(CITY, lead.city());
    vars.put(INDUSTRY, lead.industry());
    vars.put(PRODUCT, lead.product());
    vars.put(COMPANY_SIZE, lead.companySize());
    vars.put(BUDGET, lead.budget() == null ? null : lead.budget().doubleValue());
    vars.put(DECISION_MAKER, lead.decisionMaker());
    vars.putAll(activityCounts(lead.activities(), now));
    vars.put(ATTRIBUTES, Variables.objectValue(new HashMap<>(lead.attributes()))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
    return vars;
  }

  /** The behaviour the scoring decision reads, as of now. */
  public static Map<String, Object> activityCounts(List<Activity> activities, Instant now) {
    Instant monthAgo = now.minus(Duration.ofDays(30));
    return Map.of(
        PRICING_PAGE_VIEWS, count(activities, ActivityType.PRICING_PAGE_VIEW, Instant.MIN),
        CASE_STUDY_DOWNLOADS, count(activities, ActivityType.CASE_STUDY_DOWNLOAD, Instant.MIN),
        WEBSITE_VISITS_LAST_30_DAYS, count(activities, ActivityType.WEBSITE_VISIT, monthAgo),
        WEBINARS_ATTENDED, count(activities, ActivityType.WEBINAR_ATTENDED, Instant.MIN));
  }

  private static int count(List<Activity> activities, ActivityType type, Instant since) {
    return (int) activities.stream()
        .filter(a -> a.type() == type && !a.at().isBefore(since))
        .count();
  }
}
