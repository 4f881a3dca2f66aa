package io.leadflow.lead;

import static io.leadflow.lead.LeadVariables.*;

import io.leadflow.lead.InvalidLeadException.FieldProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jakarta.validation.Validator;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a lead in: validates and normalises it, de-duplicates it, stores it and starts its
 * LeadLifecycle, all in one transaction. Scoring, routing and assignment run inside that start (the
 * process has no wait state before the follow-up task), so the caller gets the outcome at once and a
 * failure anywhere leaves nothing behind.
 */
@Service
public class LeadIntake {

  public static final String PROCESS_KEY = "LeadLifecycle";
  static final int MAX_ATTRIBUTES_JSON = 10_000;

  /** How a request ended: a new lead, or an existing one it was matched to. */
  public enum Outcome { CREATED, SAME_EXTERNAL_ID, DUPLICATE_CONTACT }

  public record Result(Lead lead, Outcome outcome) {}

  private final LeadRepository leads;
  private final LeadContactKeyRepository contactKeys;
  private final Leads leadService;
  private final ContactNormaliser normaliser;
  private final RuntimeService runtimeService;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Validator validator;
  private final LeadWork work;

  LeadIntake(LeadRepository leads, LeadContactKeyRepository contactKeys, Leads leadService,
      ContactNormaliser normaliser, RuntimeService runtimeService,
      PlatformTransactionManager transactionManager, Clock clock, Validator validator,
      LeadWork work) {
    this.validator = validator;
    this.work = work;
    this.leads = leads;
    this.contactKeys = contactKeys;
    this.leadService = leadService;
    this.normaliser = normaliser;
    this.runtimeService = runtimeService;
    this.tx = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  Result submit(LeadRequest request) {
    Contacts contacts = validate(request);
    try {
      return tx.execute(status -> intake(request, contacts));
    } catch (DataIntegrityViolationException concurrentTwin) {
      // Another request for the same externalId or contact committed first; its lead exists now,
      // so a second attempt finds it and answers as for any repeat.
      return tx.execute(status -> intake(request, contacts));
    }
  }

  private record Contacts(String email, String phone) {
    Set<String> keys() {
      Set<String> keys = new LinkedHashSet<>();
      if (email != null) keys.add(LeadContactKey.ofEmail(email));
      if (phone != null) keys.add(LeadContactKey.ofPhone(phone));
      return keys;
    }
  }

  /** All problems of the request at once: its annotations, then the rules they cannot express. */
  private Contacts validate(LeadRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    validator.validate(request).stream()
        .map(v -> new FieldProblem(v.getPropertyPath().toString()
            .replaceAll("\\.<[^>]+>", "").replaceAll("<[^>]+>", ""), v.getMessage()))
        .sorted(java.util.Comparator.comparing(FieldProblem::field))
        .forEach(problems::add);
    String email = normaliser.email(request.email());
    String phone = null;
    if (request.phone() != null && !request.phone().isBlank()) {
      Optional<String> e164 = normaliser.phone(request.phone());
      if (e164.isEmpty()) {
        problems.add(new FieldProblem("phone", "is not a valid phone number"));
      } else {
        phone = e164.get();
      }
    }
    if (email == null && (request.phone() == null || request.phone().isBlank())) {
      problems.add(new FieldProblem("email", "email or phone is required"));
      problems.add(new FieldProblem("phone", "email or phone is required"));
    }
    if (request.attributes() != null && problems.stream()
        .noneMatch(p -> p.field().startsWith("attributes"))) {
      request.attributes().forEach((key, value) -> {
        if (value != null && !(value instanceof String || value instanceof Number
            || value instanceof Boolean)) {
          problems.add(new FieldProblem("attributes." + key,
              "must be a string, number, boolean or null"));
        }
      });
      String json = problems.isEmpty()
          ? new JsonColumns.ObjectMap().convertToDatabaseColumn(request.attributes()) : null;
      if (json != null && json.length() > MAX_ATTRIBUTES_JSON) {
        problems.add(new FieldProblem("attributes",
            "must not exceed " + MAX_ATTRIBUTES_JSON + " characters as JSON"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidLeadException(problems);
    }
    return new Contacts(email, phone);
  }

  private Result intake(LeadRequest request, Contacts contacts) {
    Instant now = clock.instant();
    String externalId = blankToNull(request.externalId());
    if (externalId != null) {
      Optional<Lead> same = leads.findBySourceAndExternalId(request.source(), externalId);
      if (same.isPresent()) {
        return new Result(same.get(), Outcome.SAME_EXTERNAL_ID);
      }
    }
    List<Activity> activities = activities(request.activities(), now);
    Optional<LeadContactKey> match = contactKeys.findByKeyIn(contacts.keys()).stream().findFirst();
    if (match.isPresent()) {
      Lead existing = leadService.lock(match.get().getLeadId());
      existing.mergeDuplicate(now);
      leadService.log(existing, LeadEvent.DUPLICATE_MERGED, null,
          "MATCHED " + match.get().getKey() + " (source " + request.source() + ")");
      if (!activities.isEmpty()) {
        if (work.takesActivities(existing)) {
          work.rescore(existing, activities); // the repeat's behaviour counts, as activities do
        } else {
          existing.getActivities().addAll(activities);
        }
      }
      return new Result(existing, Outcome.DUPLICATE_CONTACT);
    }

    Lead lead = new Lead(request.source(), now);
    lead.setExternalId(externalId);
    lead.setName(blankToNull(request.name()));
    lead.setCompany(blankToNull(request.company()));
    lead.setTitle(blankToNull(request.title()));
    lead.setDecisionMaker(Boolean.TRUE.equals(request.decisionMaker()));
    lead.setEmail(contacts.email());
    lead.setPhone(contacts.phone());
    lead.setRegion(blankToNull(request.region()));
    lead.setCity(blankToNull(request.city()));
    lead.setIndustry(blankToNull(request.industry()));
    lead.setProduct(blankToNull(request.product()));
    lead.setCompanySize(request.companySize());
    lead.setBudget(request.budget());
    lead.setTags(request.tags() == null ? List.of() : request.tags());
    lead.setAttributes(request.attributes() == null ? Map.of() : request.attributes());
    lead.getActivities().addAll(activities);
    leads.save(lead);
    contacts.keys().forEach(key -> contactKeys.save(new LeadContactKey(key, lead.getId())));
    leads.flush(); // surfaces a concurrent twin (unique keys) before any routing work

    // Asked before the process starts: the assignment in it locks the team's row until commit.
    List<String> askingForHelp = work.tagsAskingForHelp(lead.getTags());
    String processInstanceId = runtimeService
        .startProcessInstanceByKey(PROCESS_KEY, lead.getId().toString(), variables(lead, now))
        .getId();
    lead.setProcessInstanceId(processInstanceId);
    if (!askingForHelp.isEmpty()) {
      // Tags may ask other teams for help (SubProcess_Tagged), as tags added later do.
      runtimeService.createMessageCorrelation(MESSAGE_TAGGED).processInstanceId(processInstanceId)
          .setVariable(NEW_TAGS, new ArrayList<>(askingForHelp)).correlateWithResult();
    }
    return new Result(lead, Outcome.CREATED);
  }

  /** The requested activities; one without a time happened now. */
  static List<Activity> activities(List<LeadRequest.ActivityRequest> requests, Instant now) {
    if (requests == null) {
      return List.of();
    }
    return requests.stream()
        .map(a -> new Activity(a.type(), a.at() == null ? now : a.at()))
        .toList();
  }

  /** The facts the decisions and the forms read, computed once at intake. */
  static Map<String, Object> variables(Lead lead, Instant now) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(LEAD_ID, lead.getId());
    vars.put(LEAD_NAME, lead.getName());
    vars.put(COMPANY, lead.getCompany());
    vars.put(EMAIL, lead.getEmail());
    vars.put(PHONE, lead.getPhone());
    vars.put(SOURCE, lead.getSource().name());
    vars.put(REGION, lead.getRegion());
    vars.put(CITY, lead.getCity());
    vars.put(INDUSTRY, lead.getIndustry());
    vars.put(PRODUCT, lead.getProduct());
    vars.put(COMPANY_SIZE, lead.getCompanySize());
    vars.put(BUDGET, lead.getBudget() == null ? null : lead.getBudget().doubleValue());
    vars.put(DECISION_MAKER, lead.isDecisionMaker());
    vars.putAll(activityCounts(lead, now));
    vars.put(ATTRIBUTES, Variables.objectValue(new HashMap<>(lead.getAttributes()))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
    return vars;
  }

  /** The behaviour the scoring decision reads, as of now. */
  static Map<String, Object> activityCounts(Lead lead, Instant now) {
    Instant monthAgo = now.minus(Duration.ofDays(30));
    return Map.of(
        PRICING_PAGE_VIEWS, count(lead, ActivityType.PRICING_PAGE_VIEW, Instant.MIN),
        CASE_STUDY_DOWNLOADS, count(lead, ActivityType.CASE_STUDY_DOWNLOAD, Instant.MIN),
        WEBSITE_VISITS_LAST_30_DAYS, count(lead, ActivityType.WEBSITE_VISIT, monthAgo),
        WEBINARS_ATTENDED, count(lead, ActivityType.WEBINAR_ATTENDED, Instant.MIN));
  }

  private static int count(Lead lead, ActivityType type, Instant since) {
    return (int) lead.getActivities().stream()
        .filter(a -> a.type() == type && !a.at().isBefore(since))
        .count();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
