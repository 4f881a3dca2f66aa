package io.leadflow.lifecycle;

import io.leadflow.lead.Lead;
import io.leadflow.system.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReassignController {

  record Reassign(@NotBlank String to, @Size(max = 500) String reason) {}

  record Reassigned(Long id, String owner, String team, Instant slaDueAt) {}

  private final Reassignments reassignments;

  ReassignController(Reassignments reassignments) {
    this.reassignments = reassignments;
  }

  /** 200 with the new owner; 403 unless admin or the team's manager; 400 for a non-rep. */
  @PostMapping("/api/leads/{leadId}/reassign")
  Reassigned reassign(@PathVariable long leadId, @Valid @RequestBody Reassign request) {
    Lead lead = reassignments.reassign(leadId, request.to(), request.reason(), Caller.current());
    return new Reassigned(lead.getId(), lead.getOwner(), lead.getTeam(), lead.getSlaDueAt());
  }
}
