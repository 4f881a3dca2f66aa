package io.leadflow.intake;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadViews;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class IntakeController {

  /** The answer to an intake call: the outcome of scoring, routing and assignment. */
  record IntakeResponse(Long id, LeadStage stage, Integer score, String team, boolean pooled,
      String poolReason, String owner, Instant slaDueAt, String processInstanceId,
      LeadViews.Routing routing, boolean duplicate, String matchedBy) {}

  private final LeadIntake intake;

  IntakeController(LeadIntake intake) {
    this.intake = intake;
  }

  /**
   * 201 with the routing outcome for a new lead; 200 with the existing lead for a repeat. The body
   * is validated by the intake, which reports every bad field at once.
   */
  @PostMapping("/api/leads")
  ResponseEntity<IntakeResponse> create(@RequestBody LeadRequest request) {
    LeadIntake.Result result = intake.submit(request);
    Lead lead = result.lead();
    IntakeResponse body = new IntakeResponse(lead.getId(), lead.getStage(), lead.getScore(),
        lead.getTeam(), lead.isPooled(), lead.getPoolReason(), lead.getOwner(),
        lead.getSlaDueAt(), lead.getProcessInstanceId(), LeadViews.routing(lead),
        result.outcome() != LeadIntake.Outcome.CREATED,
        switch (result.outcome()) {
          case CREATED -> null;
          case SAME_EXTERNAL_ID -> "externalId";
          case DUPLICATE_CONTACT -> "contact";
        });
    return result.outcome() == LeadIntake.Outcome.CREATED
        ? ResponseEntity.created(URI.create("/api/leads/" + body.id())).body(body)
        : ResponseEntity.ok(body);
  }
}
