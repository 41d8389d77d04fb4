package io.calltracker.tracking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseBudgetTest {

    private static final Instant CLAIMED = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aRoundClaimsOnlyWhatItsThreadsCanSendWithinTheLease() {
        // Defaults: 2-minute lease, 5 s connect + 15 s read timeout, 8 threads: 6 requests each = 48, not 100.
        assertThat(LeaseBudget.of(Duration.ofMinutes(2), Duration.ofSeconds(20), 8, 100).claimLimit()).isEqualTo(48);
        assertThat(LeaseBudget.of(Duration.ofMinutes(2), Duration.ofSeconds(20), 8, 10).claimLimit()).isEqualTo(10);
        assertThat(LeaseBudget.of(Duration.ofSeconds(10), Duration.ofSeconds(30), 8, 100).claimLimit())
                .as("a lease shorter than one request still gives every thread a call").isEqualTo(8);
    }

    @Test
    void aLeaseShorterThanOneRequestKeepsHalfOfItAsTheMargin() {
        // 5 s lease, 5 s connect + 2 s read timeout (the fault suite): sent during the first 2.5 s only.
        LeaseBudget shortLease = LeaseBudget.of(Duration.ofSeconds(5), Duration.ofSeconds(7), 8, 100);
        Instant leaseEnd = CLAIMED.plusSeconds(5);
        assertThat(shortLease.timeLeft(leaseEnd, CLAIMED)).isTrue();
        assertThat(shortLease.timeLeft(leaseEnd, CLAIMED.plusMillis(2500))).isTrue();
        assertThat(shortLease.timeLeft(leaseEnd, CLAIMED.plusMillis(2501))).isFalse();
    }

    @Test
    void aClaimIsSentOnlyWhileItsReplyCanArriveWithinTheLease() {
        LeaseBudget budget = LeaseBudget.of(Duration.ofMinutes(2), Duration.ofSeconds(20), 8, 100);
        Instant leaseEnd = CLAIMED.plus(Duration.ofMinutes(2));
        assertThat(budget.timeLeft(leaseEnd, CLAIMED)).isTrue();
        assertThat(budget.timeLeft(leaseEnd, leaseEnd.minusSeconds(20))).isTrue();
        assertThat(budget.timeLeft(leaseEnd, leaseEnd.minusSeconds(19))).isFalse();
        assertThat(budget.timeLeft(leaseEnd, leaseEnd.plusSeconds(1))).isFalse();
    }
}
