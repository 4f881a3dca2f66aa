package io.leadflow.pool;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.system.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pool's rules against a fixed clock: when the cool-down ends, when a day starts. */
class PoolPolicyRulesTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z"); // 10:00 in Shanghai

  final Leads leads = mock(Leads.class);
  final Lead lead = mock(Lead.class);

  PoolPolicy policy(int maxClaimsPerDay) {
    when(lead.getId()).thenReturn(7L);
    when(leads.lastReclaimedFrom(eq(7L), any())).thenReturn(Optional.empty());
    return new PoolPolicy(new PoolPolicy.Settings(Duration.ofDays(3), maxClaimsPerDay,
        Duration.ofDays(30), LeadStage.NURTURE, SHANGHAI), leads, Clock.fixed(NOW, SHANGHAI));
  }

  @Test
  void theCoolDownEndsThreeDaysAfterTheReclaim() {
    PoolPolicy policy = policy(0);
    when(leads.lastReclaimedFrom(7L, "li.na"))
        .thenReturn(Optional.of(NOW.minus(Duration.ofDays(3)).plusSeconds(1)));
    assertThatThrownBy(() -> policy.checkClaim(lead, "li.na"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("may claim it again from 2026-11-23T02:00:01Z");

    when(leads.lastReclaimedFrom(7L, "li.na")).thenReturn(Optional.of(NOW.minus(Duration.ofDays(3))));
    assertThatCode(() -> policy.checkClaim(lead, "li.na")).doesNotThrowAnyException();
  }

  @Test
  void aDayIsTheCalendarDayInShanghai() {
    PoolPolicy policy = policy(2);
    Instant midnightInShanghai = Instant.parse("2026-11-22T16:00:00Z");
    when(leads.claimsSince("li.na", midnightInShanghai)).thenReturn(1L);
    assertThatCode(() -> policy.checkClaim(lead, "li.na")).doesNotThrowAnyException();
    when(leads.claimsSince("li.na", midnightInShanghai)).thenReturn(2L);
    assertThatThrownBy(() -> policy.checkClaim(lead, "li.na"))
        .hasMessageContaining("li.na has claimed 2 leads from the pool today");
  }

  @Test
  void zeroMeansNoDailyLimit() {
    PoolPolicy policy = policy(0);
    when(leads.claimsSince(any(), any())).thenReturn(1_000L);
    assertThatCode(() -> policy.checkClaim(lead, "li.na")).doesNotThrowAnyException();
  }

  @Test
  void anExpiredLeadGoesOnlyToNurtureOrLost() {
    assertThatThrownBy(() -> new PoolPolicy.Settings(Duration.ofDays(3), 0, Duration.ofDays(30),
        LeadStage.OPPORTUNITY, SHANGHAI)).hasMessageContaining("NURTURE or LOST");
  }
}
