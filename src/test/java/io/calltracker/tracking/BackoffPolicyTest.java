package io.calltracker.tracking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffPolicyTest {

    private final BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2));

    @Test
    void delaysStayWithinTheGrowingCap() {
        SplittableRandom random = new SplittableRandom(1);
        for (int attempt = 0; attempt < 80; attempt++) {
            long cap = Math.min(120_000, (long) (10_000 * Math.pow(2, attempt)));
            for (int i = 0; i < 200; i++) {
                assertThat(policy.delay(attempt, random).toMillis()).isBetween(10_000L, cap);
            }
        }
    }

    @Test
    void jitterSpreadsDelaysUpToTheMaximum() {
        SplittableRandom random = new SplittableRandom(2);
        long longest = 0;
        for (int i = 0; i < 1_000; i++) {
            longest = Math.max(longest, policy.delay(10, random).toMillis());
        }
        assertThat(longest).isGreaterThan(110_000L);
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
