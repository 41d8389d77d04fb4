package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveStrategyTest {

    private static final Instant CREATED = Instant.parse("2026-11-27T10:00:00Z");
    private final AdaptiveStrategy strategy = new AdaptiveStrategy(Duration.ofSeconds(5), Duration.ofMinutes(2));
    private final Claim claim = new Claim("cabfb1dfa8c5e1c7f2c458423b7716b3", "acme", 1, CREATED, 1, 1, null, null, 0);

    @Test
    void aTalkingCallWaitsAboutHalfItsAgeWithinTheBounds() {
        CallDetails talking = details("2026-11-27 15:30:10+05:30", "1970-01-01 05:30:00+05:30");
        assertThat(strategy.nextDelay(claim, talking, CREATED.plusSeconds(70)).toMillis()).isBetween(27_000L, 33_000L);
        assertThat(strategy.nextDelay(claim, talking, CREATED.plusSeconds(12))).isEqualTo(Duration.ofSeconds(5));
        assertThat(strategy.nextDelay(claim, talking, CREATED.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aPostProcessingCallIsPolledWhenItsTypicalDelayHasPassed() {
        for (int i = 0; i < 200; i++) {
            strategy.observeTerminal("acme", terminalAfterPostProcessing(Duration.ofSeconds(60)));
        }
        assertThat(strategy.typicalPostProcessing("acme").toSeconds()).isBetween(55L, 65L);

        CallDetails ended = details("2026-11-27 15:30:10+05:30", "2026-11-27 15:33:10+05:30");
        Instant tenSecondsAfterEnd = CREATED.plusSeconds(190);
        // about 60 s learned − 10 s already passed, ±10 % jitter, ±5 % estimator wobble
        assertThat(strategy.nextDelay(claim, ended, tenSecondsAfterEnd).toSeconds()).isBetween(40L, 66L);
    }

    @Test
    void unknownCallsAreRetriedAtTheShortestInterval() {
        assertThat(strategy.nextDelay(claim, null, CREATED.plusSeconds(3))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void pollsFarFewerTimesThanAFixedIntervalOverALongCall() {
        CallDetails talking = details("2026-11-27 15:30:00+05:30", "1970-01-01 05:30:00+05:30");
        Instant now = CREATED.plusSeconds(5);
        int polls = 0;
        while (now.isBefore(CREATED.plus(Duration.ofMinutes(10)))) {
            now = now.plus(strategy.nextDelay(claim, talking, now));
            polls++;
        }
        assertThat(polls).isLessThan(60 / 10 * 10 / 2);
    }

    private static CallDetails details(String start, String end) {
        return new CallDetails("cabfb1dfa8c5e1c7f2c458423b7716b3", "outbound", "+911414941199", "active", null, null,
                "2026-11-27 15:30:00+05:30", "2026-11-27 15:30:10+05:30", start, end, null, null, null, null, null, null,
                List.of());
    }

    private static CallDetails terminalAfterPostProcessing(Duration delay) {
        Instant end = CREATED.plusSeconds(100);
        return new CallDetails("cabfb1dfa8c5e1c7f2c458423b7716b3", "outbound", "+911414941199", "terminal", "completed", null,
                "2026-11-27 15:30:00+05:30", io.calltracker.exotel.ExotelTime.FORMAT.format(end.plus(delay).atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30))),
                "2026-11-27 15:30:10+05:30", io.calltracker.exotel.ExotelTime.FORMAT.format(end.atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30))),
                90, 80, null, null, null, null, List.of());
    }
}
