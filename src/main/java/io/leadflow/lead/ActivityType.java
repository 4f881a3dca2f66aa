package io.leadflow.lead;

/** Behaviour signals that feed the scoring decision. */
public enum ActivityType {
  PRICING_PAGE_VIEW, CASE_STUDY_DOWNLOAD, WEBSITE_VISIT, WHITEPAPER_DOWNLOAD, WEBINAR_ATTENDED
}
