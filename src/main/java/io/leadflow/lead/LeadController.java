package io.leadflow.lead;

import io.leadflow.system.Caller;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/leads")
class LeadController {

  static final int MAX_PAGE_SIZE = 200;

  private final Leads leads;
  private final LeadRepository repository;
  private final DeliveryLog deliveries;

  LeadController(Leads leads, LeadRepository repository,
      DeliveryLog deliveries) {
    this.leads = leads;
    this.repository = repository;
    this.deliveries = deliveries;
  }

  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  LeadViews.LeadDetails get(@PathVariable long id) {
    Lead lead = LeadAccess.requireVisible(Caller.current(), leads.get(id));
    return LeadViews.details(lead, leads.history(id), leads.contacts(id), leads.scoreChanges(id),
        deliveries.forLead(id));
  }

  @GetMapping
  @Transactional(readOnly = true)
  Page<LeadViews.LeadSummary> list(@RequestParam(required = false) String owner,
      @RequestParam(required = false) String team, @RequestParam(required = false) LeadStage stage,
      @RequestParam(required = false) Boolean needsAttention,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    Specification<Lead> where = LeadAccess.visibleTo(Caller.current());
    if (owner != null) where = where.and((root, q, cb) -> cb.equal(root.get("owner"), owner));
    if (team != null) where = where.and((root, q, cb) -> cb.equal(root.get("team"), team));
    if (stage != null) where = where.and((root, q, cb) -> cb.equal(root.get("stage"), stage));
    if (needsAttention != null) {
      where = where.and((root, q, cb) -> cb.equal(root.get("needsAttention"), needsAttention));
    }
    PageRequest pageable = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1),
        MAX_PAGE_SIZE), Sort.by(Sort.Direction.DESC, "createdAt", "id"));
    return repository.findAll(where, pageable).map(LeadViews::summary);
  }
}
