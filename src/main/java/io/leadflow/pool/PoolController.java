package io.leadflow.pool;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.models.LeadRouting;
import io.leadflow.system.Caller;
import java.security.Principal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/pool")
class PoolController {

  record PooledLead(Long id, String name, String company, String region, String industry,
      String product, Integer score, String team, String stage, String poolReason,
      Instant updatedAt) {
    static PooledLead of(Lead lead) {
      return new PooledLead(lead.getId(), lead.getName(), lead.getCompany(), lead.getRegion(),
          lead.getIndustry(), lead.getProduct(), lead.getScore(), lead.getTeam(),
          lead.getStage().name(), lead.getPoolReason(), lead.getUpdatedAt());
    }
  }

  record Claimed(Long id, String owner, String team, Instant slaDueAt) {}

  private final Leads leads;
  private final PoolClaims claims;

  PoolController(Leads leads, PoolClaims claims) {
    this.leads = leads;
    this.claims = claims;
  }

  /**
   * The leads in the pool, longest waiting first: all for admins and analysts; for reps and
   * managers the pools of their teams and the general pool; none for anybody else (staff work
   * their tasks, not leads).
   */
  @GetMapping
  Page<PooledLead> list(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    PageRequest pageable = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
        Sort.by("updatedAt", "id"));
    Caller caller = Caller.current();
    if (caller.seesAllLeads()) {
      return leads.pooled(pageable).map(PooledLead::of);
    }
    if (!caller.isRep() && !caller.isManager()) {
      return Page.empty(pageable);
    }
    Set<String> pools = new HashSet<>(caller.teams());
    pools.add(LeadRouting.POOL_TEAM);
    return leads.pooled(pools, pageable).map(PooledLead::of);
  }

  /** @param team which of the rep's teams a lead of the general pool joins (optional) */
  record ClaimRequest(String team) {}

  /**
   * The calling rep claims the lead: 200 with the new owner and the lead's team, 409 if someone
   * was faster.
   */
  @PostMapping("/{leadId}/claim")
  Claimed claim(@PathVariable long leadId, @RequestBody(required = false) ClaimRequest request,
      Principal principal) {
    Lead lead = claims.claim(leadId, principal.getName(), request == null ? null : request.team());
    return new Claimed(lead.getId(), lead.getOwner(), lead.getTeam(), lead.getSlaDueAt());
  }
}
