package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyNetStrategyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final PollStrategy perCall = (claim, details, now) -> Duration.ofSeconds(7);
    private final SafetyNetStrategy strategy = new SafetyNetStrategy(Duration.ofMinutes(10), perCall);

    @Test
    void aCallExotelKnowsWaitsForTheSweepUpToTheSafetyNet() {
        CallDetails active = new CallDetails("sid", null, null, "active", null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        for (int i = 0; i < 100; i++) {
            assertThat(strategy.nextDelay(claim(), active, NOW)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        }
    }

    @Test
    void aCallExotelDoesNotKnowKeepsThePerCallPaceForItsNotFoundGrace() {
        assertThat(strategy.nextDelay(claim(), null, NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    private static Claim claim() {
        return new Claim("sid", "acct", 1, NOW.minusSeconds(60), 1, 1, null, null, 0);
    }
}
