package io.leadflow.intake;

import io.leadflow.lead.Activity;
import io.leadflow.lead.JsonColumns;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.Leads;
import io.leadflow.lifecycle.ActivityRequest;
import io.leadflow.lifecycle.LeadWork;
import io.leadflow.lifecycle.Lifecycles;
import io.leadflow.system.ContactNormaliser;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

  static final int MAX_ATTRIBUTES_JSON = 10_000;

  /** How a request ended: a new lead, or an existing one it was matched to. */
  public enum Outcome { CREATED, SAME_EXTERNAL_ID, DUPLICATE_CONTACT }

  public record Result(Lead lead, Outcome outcome) {}

  private final Leads leads;
  private final ContactNormaliser normaliser;
  private final Lifecycles lifecycles;
  private final LeadWork work;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Validator validator;

  LeadIntake(Leads leads, ContactNormaliser normaliser, Lifecycles lifecycles, LeadWork work,
      PlatformTransactionManager transactionManager, Clock clock, Validator validator) {
    this.leads = leads;
    this.normaliser = normaliser;
    this.lifecycles = lifecycles;
    this.work = work;
    this.tx = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.validator = validator;
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

  private record Contacts(String email, String phone) {}

  /** All problems of the request at once: its annotations, then the rules they cannot express. */
  private Contacts validate(LeadRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    validator.validate(request).stream()
        .map(v -> new FieldProblem(v.getPropertyPath().toString()
            .replaceAll("\\.<[^>]+>", "").replaceAll("<[^>]+>", ""), v.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field))
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
      String json = problems.isEmpty() ? JsonColumns.write(request.attributes()) : null;
      if (json != null && json.length() > MAX_ATTRIBUTES_JSON) {
        problems.add(new FieldProblem("attributes",
            "must not exceed " + MAX_ATTRIBUTES_JSON + " characters as JSON"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new Contacts(email, phone);
  }

  private Result intake(LeadRequest request, Contacts contacts) {
    Instant now = clock.instant();
    String externalId = blankToNull(request.externalId());
    if (externalId != null) {
      Optional<Lead> same = leads.findByExternalId(request.source(), externalId);
      if (same.isPresent()) {
        return new Result(same.get(), Outcome.SAME_EXTERNAL_ID);
      }
    }
    List<Activity> activities = ActivityRequest.toActivities(request.activities(), now);
    Optional<Leads.ContactMatch> match = leads.lockOpenByContact(contacts.email(), contacts.phone());
    if (match.isPresent()) {
      Lead existing = match.get().lead();
      leads.mergeDuplicate(match.get(), request.source());
      if (!activities.isEmpty()) {
        if (work.takesActivities(existing)) {
          work.rescore(existing, activities); // the repeat's behaviour counts, as activities do
        } else {
          leads.addActivities(existing, activities);
        }
      }
      return new Result(existing, Outcome.DUPLICATE_CONTACT);
    }

    Lead lead = leads.create(new LeadFacts(externalId, request.source(),
        blankToNull(request.name()), blankToNull(request.company()), blankToNull(request.title()),
        Boolean.TRUE.equals(request.decisionMaker()), contacts.email(), contacts.phone(),
        blankToNull(request.region()), blankToNull(request.city()),
        blankToNull(request.industry()), blankToNull(request.product()), request.companySize(),
        request.budget(), request.tags(), request.attributes(), activities));
    lifecycles.start(lead, now);
    return new Result(lead, Outcome.CREATED);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
