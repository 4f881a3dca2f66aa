package io.leadflow.pool;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.system.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The pool's rules (leadflow.pool.*), checked for every claim, through the API or in Tasklist:
 * a rep cannot claim back a lead reclaimed from them before the cool-down is over, nor claim more
 * than a number of leads a day; a lead nobody claims leaves the pool after a while.
 */
@Component
@EnableConfigurationProperties(PoolPolicy.Settings.class)
class PoolPolicy {

  /**
   * @param reclaimCooldown how long a rep may not claim back a lead that was reclaimed from them
   * @param maxClaimsPerDay leads one rep may claim per calendar day (in timeZone); 0: no limit
   * @param maxTimeInPool after this long unclaimed, the lead leaves the pool ...
   * @param expiredStage ... for this stage: NURTURE (marketing keeps it warm) or LOST
   */
  @ConfigurationProperties("leadflow.pool")
  record Settings(@DefaultValue("P3D") Duration reclaimCooldown,
      @DefaultValue("20") int maxClaimsPerDay,
      @DefaultValue("P30D") Duration maxTimeInPool,
      @DefaultValue("NURTURE") LeadStage expiredStage,
      @DefaultValue("Asia/Shanghai") ZoneId timeZone) {
    Settings {
      if (expiredStage != LeadStage.NURTURE && expiredStage != LeadStage.LOST) {
        throw new IllegalArgumentException(
            "leadflow.pool.expired-stage must be NURTURE or LOST, was " + expiredStage);
      }
    }
  }

  private final Settings settings;
  private final Leads leads;
  private final Clock clock;

  PoolPolicy(Settings settings, Leads leads, Clock clock) {
    this.settings = settings;
    this.leads = leads;
    this.clock = clock;
  }

  /** @throws ConflictException saying which rule refuses the claim, and until when */
  void checkClaim(Lead lead, String rep) {
    Instant now = clock.instant();
    leads.lastReclaimedFrom(lead.getId(), rep).ifPresent(reclaimed -> {
      Instant over = reclaimed.plus(settings.reclaimCooldown());
      if (now.isBefore(over)) {
        throw new ConflictException("Lead " + lead.getId() + " was reclaimed from " + rep
            + " at " + reclaimed + "; they may claim it again from " + over);
      }
    });
    if (settings.maxClaimsPerDay() > 0) {
      Instant today = LocalDate.ofInstant(now, settings.timeZone()).atStartOfDay(settings.timeZone())
          .toInstant();
      long claimed = leads.claimsSince(rep, today);
      if (claimed >= settings.maxClaimsPerDay()) {
        throw new ConflictException(rep + " has claimed " + claimed + " leads from the pool"
            + " today, the most a rep may (leadflow.pool.max-claims-per-day)");
      }
    }
  }

  /** When a lead pooled now leaves the pool unclaimed. */
  Instant expiresAt() {
    return clock.instant().plus(settings.maxTimeInPool());
  }

  LeadStage expiredStage() {
    return settings.expiredStage();
  }

  Duration maxTimeInPool() {
    return settings.maxTimeInPool();
  }
}
