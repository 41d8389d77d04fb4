package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.exotelsim.SlidingWindowRateLimiter.Decision;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter();

    @Test
    void rejectsOnceTheLimitIsReachedWithinAMinute() {
        assertThat(acquire("acc", 0.0, 3).admitted()).isTrue();
        assertThat(acquire("acc", 10.0, 3).admitted()).isTrue();
        assertThat(acquire("acc", 20.5, 3).admitted()).isTrue();

        Decision rejected = acquire("acc", 30.0, 3);

        assertThat(rejected.admitted()).isFalse();
        assertThat(rejected.retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void admitsAgainWhenTheOldestRequestSlidesOutOfTheWindow() {
        acquire("acc", 0.0, 2);
        acquire("acc", 10.0, 2);

        assertThat(acquire("acc", 59.9, 2).admitted()).isFalse();
        assertThat(acquire("acc", 60.0, 2).admitted()).isTrue();
        assertThat(acquire("acc", 60.1, 2).admitted()).isFalse();
        assertThat(acquire("acc", 70.0, 2).admitted()).isTrue();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        acquire("acc", 0.0, 1);

        assertThat(acquire("acc", 59.5, 1).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void keepsOneBudgetPerAccount() {
        acquire("a", 0.0, 1);

        assertThat(acquire("a", 1.0, 1).admitted()).isFalse();
        assertThat(acquire("b", 1.0, 1).admitted()).isTrue();
    }

    @Test
    void zeroMeansUnlimited() {
        for (int i = 0; i < 1000; i++) {
            assertThat(acquire("acc", 0.0, 0).admitted()).isTrue();
        }
    }

    @Test
    void peakCountsEveryRequestInTheBusiestMinuteRejectedOnesIncluded() {
        for (int i = 0; i < 5; i++) {
            acquire("acc", i, 3);
        }
        acquire("acc", 100.0, 3);

        assertThat(limiter.peakPerMinute("acc")).isEqualTo(5);
        assertThat(limiter.peakPerMinute("unknown")).isZero();
    }

    @Test
    void survivesALongSilence() {
        acquire("acc", 0.0, 1);

        assertThat(acquire("acc", 100_000.0, 1).admitted()).isTrue();
        assertThat(acquire("acc", 100_001.0, 1).admitted()).isFalse();
    }

    @Test
    void admitsExactlyTheLimitUnderConcurrency() throws InterruptedException {
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 10_000; i++) {
            pool.execute(() -> {
                if (limiter.tryAcquire("acc", T0, 200).admitted()) {
                    admitted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(admitted).hasValue(200);
        assertThat(limiter.peakPerMinute("acc")).isEqualTo(10_000);
    }

    private Decision acquire(String account, double secondsAfterT0, int limit) {
        return limiter.tryAcquire(account, T0.plusMillis(Math.round(secondsAfterT0 * 1000)), limit);
    }
}
