package io.leadflow.lifecycle;

import io.leadflow.lead.ContactChannel;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadContact;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LostReason;
import io.leadflow.system.Caller;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The lead after intake: behaviour, contacts, tags, closing. */
@RestController
@RequestMapping("/api/leads/{id}")
class LeadWorkController {

  private final LeadWork work;

  LeadWorkController(LeadWork work) {
    this.work = work;
  }

  record ActivitiesRequest(@NotEmpty @Size(max = 100)
      List<@NotNull @Valid ActivityRequest> activities) {}

  record ActivitiesResponse(long leadId, int previousScore, int score, LeadStage stage,
      String team, String owner, boolean pooled, boolean routedNow) {}

  /**
   * Integrations (X-API-Key) and anyone who may see the lead post behaviour:
   * {@code {"activities": [{"type": "WEBINAR_ATTENDED"}, ...]}}.
   */
  @PostMapping("/activities")
  ActivitiesResponse activities(@PathVariable long id, @RequestBody @Valid ActivitiesRequest body) {
    LeadWork.ActivityResult result =
        work.recordActivities(id, body.activities(), Caller.current());
    Lead lead = result.lead();
    return new ActivitiesResponse(id, result.previousScore(),
        lead.getScore() == null ? 0 : lead.getScore(), lead.getStage(), lead.getTeam(),
        lead.getOwner(), lead.isPooled(), result.routedNow());
  }

  record ContactRequest(@NotNull ContactChannel channel, @Size(max = 2000) String notes,
      Instant at) {}

  record ContactResponse(long leadId, Instant at, ContactChannel channel, String rep, String notes,
      boolean firstContact, Instant firstContactAt, LeadStage stage) {}

  @PostMapping("/contacts")
  ResponseEntity<ContactResponse> contact(@PathVariable long id,
      @RequestBody @Valid ContactRequest body) {
    LeadWork.ContactResult result = work.recordContact(id, body.channel(), body.notes(),
        body.at(), Caller.current());
    LeadContact contact = result.contact();
    return ResponseEntity.created(URI.create("/api/leads/" + id)).body(new ContactResponse(id,
        contact.getOccurredAt(), contact.getChannel(), contact.getRep(), contact.getNotes(),
        result.first(), result.lead().getFirstContactAt(), result.lead().getStage()));
  }

  record TagsRequest(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> tags) {}

  record TagsResponse(long leadId, List<String> added, List<String> tags) {}

  @PostMapping("/tags")
  TagsResponse tags(@PathVariable long id, @RequestBody @Valid TagsRequest body) {
    List<String> added = work.addTags(id, body.tags(), Caller.current());
    return new TagsResponse(id, added, work.tags(id));
  }

  enum Result { WON, LOST }

  record CloseRequest(@NotNull Result result, @DecimalMin("0") BigDecimal amount,
      LostReason reason, @Size(max = 2000) String notes) {}

  record CloseResponse(long leadId, LeadStage stage, BigDecimal wonAmount, LostReason lostReason,
      LeadStage lostFromStage) {}

  /** WON (an opportunity, with {@code amount}) or LOST (from any open stage, with {@code reason}). */
  @PostMapping("/close")
  CloseResponse close(@PathVariable long id, @RequestBody @Valid CloseRequest body) {
    if (body.result() == Result.WON && body.amount() == null) {
      throw new InvalidRequestException(List.of(new FieldProblem("amount",
          "is required to close as WON")));
    }
    if (body.result() == Result.LOST && body.reason() == null) {
      throw new InvalidRequestException(List.of(new FieldProblem("reason",
          "is required to close as LOST: one of " + List.of(LostReason.values()))));
    }
    Lead lead = work.close(id, body.result() == Result.WON, body.amount(), body.reason(),
        body.notes(), Caller.current());
    return new CloseResponse(id, lead.getStage(), lead.getWonAmount(), lead.getLostReason(),
        lead.getLostFromStage());
  }
}
