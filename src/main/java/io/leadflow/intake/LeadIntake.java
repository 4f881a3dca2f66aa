package io.leadflow.intake;

import io.leadflow.lead.Activity;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.Leads;
import io.leadflow.lifecycle.ActivityRequest;
import io.leadflow.lifecycle.LeadWork;
import io.leadflow.lifecycle.Lifecycles;
import io.leadflow.system.BodyProblems;
import io.leadflow.system.ContactNormaliser;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
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
      return tx.execute(status -> intake(request, contacts, null));
    } catch (DataIntegrityViolationException concurrentTwin) {
      // Another request for the same externalId or contact committed first; its lead exists now,
      // so a second attempt finds it and answers as for any repeat.
      return tx.execute(status -> intake(request, contacts, null));
    }
  }

  /**
   * Another channel's lead (a row of a bulk import) on the same path as {@code POST /api/leads},
   * in the caller's transaction, so that the channel records its own bookkeeping with the lead.
   * The lead is new (labelled with the campaign, if any) or the open lead of the same person.
   *
   * @throws InvalidRequestException with every problem of the request, before anything is done
   * @throws DataIntegrityViolationException when a concurrent twin committed first: the caller's
   *     transaction is lost, and taking the request again in a new one answers it as a repeat
   */
  public Result take(LeadRequest request, String campaign) {
    return intake(request, validate(request), campaign);
  }

  /** Every problem of the request (the reasons of the API's 400), none when it can be taken. */
  public List<FieldProblem> problems(LeadRequest request) {
    return validator.validate(request).stream()
        .map(v -> new FieldProblem(BodyProblems.fieldOf(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field)).toList();
  }

  private record Contacts(String email, String phone) {}

  /** All problems of the request at once (its constraints), or its contacts normalised. */
  private Contacts validate(LeadRequest request) {
    List<FieldProblem> problems = problems(request);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new Contacts(normaliser.email(request.email()),
        request.phone() == null || request.phone().isBlank() ? null
            : normaliser.phone(request.phone()).orElseThrow());
  }

  private Result intake(LeadRequest request, Contacts contacts, String campaign) {
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
        request.budget(), request.tags(), request.attributes(), activities), campaign);
    lifecycles.start(lead, now);
    return new Result(lead, Outcome.CREATED);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
