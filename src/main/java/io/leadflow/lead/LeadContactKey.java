package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A normalised contact ("email:li@example.com", "phone:+8613812345678") held by an open lead.
 * Its primary key is what keeps two concurrent requests for the same person from both creating a
 * lead; the rows go when the lead closes, so the person can come back as a new lead later.
 */
@Entity
@Table(name = "lead_contact_keys")
class LeadContactKey {

  @Id
  @Column(name = "contact_key")
  private String key;

  @Column(nullable = false)
  private Long leadId;

  protected LeadContactKey() {}

  LeadContactKey(String key, Long leadId) {
    this.key = key;
    this.leadId = leadId;
  }

  String getKey() { return key; }
  Long getLeadId() { return leadId; }

  static String ofEmail(String normalisedEmail) { return "email:" + normalisedEmail; }
  static String ofPhone(String e164) { return "phone:" + e164; }
}
