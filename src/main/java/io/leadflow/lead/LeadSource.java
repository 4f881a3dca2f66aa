package io.leadflow.lead;

/** The channel a lead came in through. The codes are part of the API and of the scoring table. */
public enum LeadSource {
  WEBSITE_FORM, WEBSITE_TRIAL, WEBINAR, MARKETING_EVENT, TRADE_SHOW, PARTNER_REFERRAL,
  SOCIAL_MEDIA, API, IMPORT, OTHER
}
