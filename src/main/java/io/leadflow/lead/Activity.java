package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/** One behaviour signal of a lead: what it did, and when. */
@Embeddable
public record Activity(
    @Enumerated(EnumType.STRING) @Column(name = "type", nullable = false) ActivityType type,
    @Column(name = "occurred_at", nullable = false) Instant at) {}
