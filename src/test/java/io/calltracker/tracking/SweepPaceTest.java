package io.calltracker.tracking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's pace ({@link AccountWork#sweepDue}) as rules, and as a model of many rounds: the claim
 * statement's semantics (the 100 least recently looked-at calls, if the least recent is due) played over
 * a population of calls with random looks, to show what the rule costs and how long calls go unlooked.
 */
class SweepPaceTest {

    private static final Duration L = Duration.ofSeconds(30);
    private static final int CHUNK = 100;
    private static final int CAP = 10 * CHUNK;
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void upToAChunkInFlightThePaceIsTheInterval() {
        assertThat(work(1, null, NOW.minus(L)).pace(L, CHUNK)).isEqualTo(L);
        assertThat(work(100, null, NOW.minus(L)).pace(L, CHUNK)).isEqualTo(L);
        assertThat(work(150, null, NOW.minus(L)).pace(L, CHUNK)).isEqualTo(Duration.ofSeconds(20));
        assertThat(work(CAP, null, NOW.minus(L)).pace(L, CHUNK)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRequestWaitsForBothTheOldestLookAndTheLastRequestToBeAPaceOld() {
        Duration pace = Duration.ofSeconds(20); // 150 in flight
        Instant old = NOW.minus(pace);
        assertThat(work(150, old, old).sweepDue(L, CHUNK)).get()
                .returns(old, AccountWork.SweepSlot::lastSentBefore).returns(old, AccountWork.SweepSlot::dueBefore);
        assertThat(work(150, null, old).sweepDue(L, CHUNK)).as("no request yet: due").isPresent();
        assertThat(work(150, old.plusMillis(1), old).sweepDue(L, CHUNK)).as("last request younger than the pace").isEmpty();
        assertThat(work(150, old, old.plusMillis(1)).sweepDue(L, CHUNK)).as("oldest look younger than the pace").isEmpty();
    }

    @Test
    void aCallUnlookedAtForTwoIntervalsIsAskedAboutWhateverThePace() {
        Instant overdue = NOW.minus(L.multipliedBy(2));
        Optional<AccountWork.SweepSlot> slot = work(150, NOW.minusSeconds(1), overdue).sweepDue(L, CHUNK);
        assertThat(slot).get().returns(NOW, AccountWork.SweepSlot::lastSentBefore).returns(overdue, AccountWork.SweepSlot::dueBefore);
        assertThat(work(150, NOW.minusSeconds(1), overdue.plusMillis(1)).sweepDue(L, CHUNK)).isEmpty();
    }

    /**
     * N calls in flight cost about N/100 requests per interval, and no call goes unlooked for more than two
     * intervals (plus a round), whatever N and however the looks were spread at the start.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 30, 99, 100, 101, 108, 150, 199, 250, 999, 2500})
    void nCallsInFlightCostNOverAHundredRequestsPerInterval(int n) {
        Model model = new Model(n, new SplittableRandom(n)).run(true, 60);
        double perInterval = model.requests / 50.0; // the last 50 intervals: after 10 of warm-up
        assertThat(perInterval).as("requests per interval with %d in flight", n)
                .isLessThanOrEqualTo(Math.max(1.0, n / (double) CHUNK) * 1.05 + 0.05);
        assertThat(model.longestGapMs).as("longest time a call went unlooked").isLessThanOrEqualTo(2 * L.toMillis() + Model.ROUND_MS);
    }

    /** The model has teeth: "a request once the oldest look is an interval old" costs two requests per interval at 108. */
    @Test
    void pacingByTheOldestLookAloneAsksTwiceAsOftenAtALittleOverAHundred() {
        Model model = new Model(108, new SplittableRandom(108)).run(false, 60);
        assertThat(model.requests / 50.0).isGreaterThanOrEqualTo(1.9);
    }

    private static AccountWork work(long inFlight, Instant lastSweep, Instant oldestLook) {
        return new AccountWork("acc", NOW, NOW.plusSeconds(3600), oldestLook, lastSweep, inFlight);
    }

    /** One account's calls, looked at by rounds every ROUND_MS as BulkSweeper and PollSchedule.CLAIM_SWEEP do. */
    private static final class Model {
        static final long ROUND_MS = 100;
        private final long[] looks;
        private Instant lastSweep;
        long requests;
        long longestGapMs;

        Model(int n, SplittableRandom random) {
            looks = new long[n];
            for (int i = 0; i < n; i++) {
                looks[i] = -random.nextLong(2 * L.toMillis()); // any spread of looks, up to two intervals back
            }
        }

        /** @param paced the rule under test; false: the former "oldest look an interval old" */
        Model run(boolean paced, int intervals) {
            long warmUpEnd = 10 * L.toMillis();
            for (long now = 0; now < intervals * L.toMillis(); now += ROUND_MS) {
                int sent = paced ? pacedRound(now) : oldestLookRound(now);
                if (now >= warmUpEnd) {
                    requests += sent;
                }
            }
            return this;
        }

        /** A claim round's passes: one request a turn, another pass while the last request was full. */
        private int pacedRound(long now) {
            int sent = 0;
            while (sent < 20) {
                long oldest = Arrays.stream(looks).min().orElseThrow();
                AccountWork work = new AccountWork("acc", Instant.ofEpochMilli(now), Instant.MAX, Instant.ofEpochMilli(oldest),
                        lastSweep, Math.min(looks.length, CAP));
                Optional<AccountWork.SweepSlot> slot = work.sweepDue(L, CHUNK);
                if (slot.isEmpty() || (lastSweep != null && lastSweep.isAfter(slot.get().lastSentBefore()))) {
                    return sent;
                }
                lastSweep = Instant.ofEpochMilli(now);
                if (!claim(now, slot.get().dueBefore().toEpochMilli())) {
                    return sent;
                }
                sent++;
                if (looks.length < CHUNK) {
                    return sent;
                }
            }
            return sent;
        }

        private int oldestLookRound(long now) {
            int sent = 0;
            while (sent < 20 && claim(now, now - L.toMillis())) {
                sent++;
            }
            return sent;
        }

        /** CLAIM_SWEEP: the CHUNK least recent looks, if the least recent is at or before the bound. */
        private boolean claim(long now, long dueBefore) {
            Integer[] order = new Integer[looks.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Long.compare(looks[a], looks[b]));
            if (looks[order[0]] > dueBefore) {
                return false;
            }
            for (int i = 0; i < Math.min(CHUNK, looks.length); i++) {
                if (now >= 10 * L.toMillis()) {
                    longestGapMs = Math.max(longestGapMs, now - looks[order[i]]);
                }
                looks[order[i]] = now;
            }
            return true;
        }
    }
}
