package io.leadflow.lead;

import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationContext;

/**
 * Test fixture: the lead's real writer on the context's repositories, but with a clock of the
 * test's own, so that fixtures of leads happen at known times (the reports' figures).
 */
public final class ClockedLeads {

  private ClockedLeads() {}

  /** @param workingTime the SLA calendar the writer counts working time by; null for none */
  public static Leads of(ApplicationContext context, Clock clock, WorkingTime workingTime) {
    StaticListableBeanFactory calendar = new StaticListableBeanFactory(
        workingTime == null ? Map.of() : Map.of("workingTime", workingTime));
    return new Leads(context.getBean(LeadRepository.class),
        context.getBean(LeadHistoryRepository.class),
        context.getBean(LeadContactKeyRepository.class),
        context.getBean(LeadContactRepository.class),
        context.getBean(ScoreChangeRepository.class), clock, context,
        calendar.getBeanProvider(WorkingTime.class));
  }
}
