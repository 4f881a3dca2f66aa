package io.leadflow.operations;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadHistoryEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.regex.Pattern;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.stereotype.Component;

/**
 * Counters of what happens to leads, counted when it is committed (a rolled-back intake counts
 * nothing), from the rows the lead's single writer inserts: a new lead by its source, and the
 * history lines of assignments (by strategy), pooling (by reason: routed there, nobody eligible,
 * or reclaimed for a missed SLA), missed SLAs and merged duplicates. Read off Hibernate's post-commit insert events, so the lead module needs no
 * knowledge of metrics. Per node, as Prometheus counters are: a cluster's total is their sum.
 */
@Component
class LeadMetrics implements PostCommitInsertEventListener {

  /** Pool reasons are codes (NO_ELIGIBLE_REP, SLA_MISSED, ...); anything else counts as OTHER. */
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]{0,40}");

  private final MeterRegistry registry;

  LeadMetrics(MeterRegistry registry, EntityManagerFactory entityManagers) {
    this.registry = registry;
    entityManagers.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
        .requireService(EventListenerRegistry.class)
        .appendListeners(EventType.POST_COMMIT_INSERT, this);
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    if (event.getEntity() instanceof Lead lead) {
      count("leadflow.leads.received", "Leads taken in, by source", "source",
          lead.getSource().name());
    } else if (event.getEntity() instanceof LeadHistoryEntry entry) {
      switch (entry.getEvent()) {
        case ASSIGNED -> count("leadflow.leads.assigned", "Leads given to a rep, by strategy",
            "strategy", entry.getStrategy() == null ? "NONE" : entry.getStrategy());
        case POOLED -> count("leadflow.leads.pooled", "Leads put into the public pool, by reason",
            "reason", reason(entry.getReason()));
        case RECLAIMED -> {
          count("leadflow.sla.missed",
              "Follow-up SLAs missed: the lead was reclaimed to the pool", null, null);
          count("leadflow.leads.pooled", "Leads put into the public pool, by reason", "reason",
              reason(entry.getReason()));
        }
        case DUPLICATE_MERGED -> count("leadflow.leads.duplicates",
            "Repeats of an open lead merged into it", null, null);
        default -> { }
      }
    }
  }

  static String reason(String text) {
    String code = text == null ? "" : text.split(":", 2)[0].trim();
    return CODE.matcher(code).matches() ? code : "OTHER";
  }

  private void count(String name, String description, String tag, String value) {
    Counter.Builder counter = Counter.builder(name).description(description);
    if (tag != null) {
      counter.tag(tag, value);
    }
    counter.register(registry).increment();
  }

  @Override
  public void onPostInsertCommitFailed(PostInsertEvent event) {
    // Not committed: nothing happened to count.
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return true;
  }
}
