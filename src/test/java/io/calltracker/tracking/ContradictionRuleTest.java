package io.calltracker.tracking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule that switches an account off bulk detection, against a brute-force count over random histories. */
class ContradictionRuleTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private record Seen(Instant at, boolean contradicted) {
    }

    @Test
    void agreesWithABruteForceCountOverRandomHistories() {
        SplittableRandom random = new SplittableRandom(12);
        for (int history = 0; history < 2_000; history++) {
            double threshold = 0.01 + random.nextDouble() * 0.99;
            int minSample = 1 + random.nextInt(30);
            double contradictionShare = random.nextDouble();
            ContradictionRule rule = new ContradictionRule(WINDOW, threshold, minSample, 10_000);
            List<Seen> seen = new ArrayList<>();
            Instant now = T0;
            Instant lastAsked = T0;
            int steps = random.nextInt(200);
            for (int i = 0; i < steps; i++) {
                now = now.plusMillis(random.nextLong(0, 30_000)); // bursts (0 ms apart) and gaps
                boolean contradicted = random.nextDouble() < contradictionShare;
                rule.observe(now, contradicted);
                seen.add(new Seen(now, contradicted));
                // The clock the rule is asked at only moves forward; checks may arrive a little behind it.
                Instant asked = later(lastAsked, now.plusMillis(random.nextLong(0, 60_000)));
                lastAsked = asked;
                List<Seen> inWindow = seen.stream().filter(s -> !s.at().isBefore(asked.minus(WINDOW))).toList();
                long bad = inWindow.stream().filter(Seen::contradicted).count();
                boolean expected = inWindow.size() >= minSample && bad >= threshold * inWindow.size();
                assertThat(rule.rate(asked)).isEqualTo(inWindow.isEmpty() ? 0 : (double) bad / inWindow.size());
                assertThat(rule.passed(asked)).as("history %d step %d", history, i).isEqualTo(expected);
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Test
    void neverPassesBelowTheMinimumSampleEvenIfEveryCheckContradicts() {
        ContradictionRule rule = new ContradictionRule(WINDOW, 0.1, 20, 10_000);
        for (int i = 0; i < 19; i++) {
            rule.observe(T0, true);
        }
        assertThat(rule.passed(T0)).isFalse();
        assertThat(rule.rate(T0)).isEqualTo(1.0);
        rule.observe(T0, true);
        assertThat(rule.passed(T0)).isTrue();
    }

    @Test
    void checksOlderThanTheWindowNoLongerCount() {
        ContradictionRule rule = new ContradictionRule(WINDOW, 0.5, 2, 10_000);
        rule.observe(T0, true);
        rule.observe(T0.plusSeconds(1), true);

        assertThat(rule.passed(T0.plus(WINDOW))).isTrue();
        assertThat(rule.passed(T0.plus(WINDOW).plusMillis(1))).isFalse();
        assertThat(rule.rate(T0.plus(WINDOW).plusSeconds(2))).isZero();
    }

    @Test
    void aResetStartsAFreshSampleWithoutTheChecksTakenBeforeIt() {
        ContradictionRule rule = new ContradictionRule(WINDOW, 0.1, 3, 10_000);
        for (int i = 0; i < 5; i++) {
            rule.observe(T0, true);
        }
        rule.reset(T0);
        rule.observe(T0.minusMillis(3), true); // taken before the switch, recorded after it

        assertThat(rule.passed(T0)).isFalse();
        assertThat(rule.rate(T0)).isZero();
        rule.observe(T0, false);
        rule.observe(T0, false);
        rule.observe(T0, true);
        assertThat(rule.rate(T0)).isEqualTo(1 / 3.0);
    }

    @Test
    void underAFloodTheMostRecentChecksAreTheSample() {
        ContradictionRule rule = new ContradictionRule(WINDOW, 0.5, 10, 100);
        for (int i = 0; i < 1_000_000; i++) {
            rule.observe(T0, true);
        }
        for (int i = 0; i < 100; i++) {
            rule.observe(T0, false);
        }
        assertThat(rule.rate(T0)).isZero();
        assertThat(rule.passed(T0)).isFalse();
    }

    @Test
    void checksOutOfOrderNeverDriveTheCountsNegativeOrTheRateOutOfRange() {
        SplittableRandom random = new SplittableRandom(5);
        ContradictionRule rule = new ContradictionRule(Duration.ofSeconds(5), 0.3, 1, 50);
        for (int i = 0; i < 100_000; i++) {
            Instant at = T0.plusMillis(random.nextLong(-60_000, 60_000));
            rule.observe(at, random.nextBoolean());
            double rate = rule.rate(T0.plusMillis(random.nextLong(-60_000, 120_000)));
            assertThat(rate).isBetween(0.0, 1.0);
        }
    }

    @Test
    void refusesSettingsThatMakeNoRule() {
        assertThatThrownBy(() -> new ContradictionRule(Duration.ZERO, 0.1, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContradictionRule(WINDOW.negated(), 0.1, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        for (double threshold : new double[] {0, -0.1, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new ContradictionRule(WINDOW, threshold, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ContradictionRule(WINDOW, 0.1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContradictionRule(WINDOW, 0.1, 11, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
