package io.leadflow.support;

import java.util.List;
import java.util.Map;

/** Leads the default routing table sends to a known place. */
public final class SampleLeads {

  private SampleLeads() {}

  /**
   * A hot lead from Suzhou: east-china, round-robin. 15 trial + 15 decision maker + 10 staff + 10
   * budget + 10 pricing page + 5 case study = 65.
   */
  public static Map<String, Object> eastChina() {
    return ApiClient.lead("WEBSITE_TRIAL", "江苏省苏州市", "decisionMaker", true,
        "companySize", 800, "budget", 1_500_000, "activities", List.of(
            Map.of("type", "PRICING_PAGE_VIEW"),
            Map.of("type", "CASE_STUDY_DOWNLOAD")));
  }
}
