package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One scoring rule that matched, with its points, as the decision evaluated it. */
@Embeddable
public record ScoreItem(
    @Column(name = "rule_id", nullable = false) String ruleId,
    @Column(name = "description") String description,
    @Column(name = "points", nullable = false) int points) {}
