package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.ExotelTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules for acting on a status callback, on explicit times. The seeded loops are property tests
 * (the project has no jqwik): many random inputs, the same invariant each time.
 */
class CallbackTimingTest {

    private static final Instant END = Instant.parse("2026-12-02T10:00:00Z");
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    private final CallbackTiming timing = new CallbackTiming();

    @Test
    void beforeAnythingIsLearnedEveryCallbackIsPolledNowAsBefore() {
        assertThat(timing.hint("acme", "s1", END, END.plusMillis(100))).isEqualTo(new CallbackTiming.Hint.PollNow());
        assertThat(timing.earliestTerminal("acme")).isZero();
        assertThat(timing.callbacksComeEarly("acme")).isFalse();
    }

    @Test
    void aCallbackAtTheEndWaitsForTheLearnedPostProcessingOneAtTheTerminalMomentPollsNow() {
        learn("acme", Duration.ofSeconds(30), 300);

        Duration earliest = timing.earliestTerminal("acme");
        assertThat(earliest).isBetween(Duration.ofSeconds(22), Duration.ofSeconds(31));
        assertThat(timing.hint("acme", "at-end", END, END.plusSeconds(1)))
                .isEqualTo(new CallbackTiming.Hint.AwaitProcessing(END, END.plus(earliest)));
        assertThat(timing.hint("acme", "at-terminal", END, END.plusSeconds(31))).isEqualTo(new CallbackTiming.Hint.PollNow());
        assertThat(timing.earliestTerminal("other")).as("learned per account").isZero();
    }

    @Test
    void anAccountWhoseCallbacksComeAtTheEndIsToldApartFromOneWhoseComeAtTheTerminalMoment() {
        learn("ends", Duration.ofSeconds(30), 300);
        learn("terminals", Duration.ofSeconds(30), 300);
        for (int i = 0; i < 50; i++) {
            timing.hint("ends", "e" + i, END, END.plusSeconds(2));
            timing.hint("terminals", "t" + i, END, END.plusSeconds(40));
        }
        assertThat(timing.callbacksComeEarly("ends")).isTrue();
        assertThat(timing.callbacksComeEarly("terminals")).isFalse();
    }

    @Test
    void aCopyOfACallbackIsADuplicateWhateverItSaysAndOnlyWithinTheWindow() {
        learn("acme", Duration.ofSeconds(30), 300);
        timing.hint("acme", "s1", END, END.plusSeconds(1));

        assertThat(timing.hint("acme", "s1", END, END.plusSeconds(40))).isEqualTo(new CallbackTiming.Hint.Duplicate());
        assertThat(timing.hint("acme", "s1", null, END.plusSeconds(2))).isEqualTo(new CallbackTiming.Hint.Duplicate());
        assertThat(timing.hint("acme", "s1", END, END.plus(CallbackTiming.DUPLICATE_WINDOW).plusSeconds(2)))
                .as("an hour later it is news again").isEqualTo(new CallbackTiming.Hint.PollNow());
    }

    @Test
    void aCallbackThatCouldNotBeActedOnIsForgottenSoItsCopyCounts() {
        timing.hint("acme", "s1", END, END.plusSeconds(1));
        timing.forget("s1");

        assertThat(timing.hint("acme", "s1", END, END.plusSeconds(2))).isEqualTo(new CallbackTiming.Hint.PollNow());
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 3_600, 86_400 * 365L * 100})
    void aCallbackClaimingAnEndInTheFutureIsAPlainHint(long secondsAhead) {
        learn("acme", Duration.ofSeconds(30), 300);

        assertThat(timing.hint("acme", "s" + secondsAhead, END.plusSeconds(secondsAhead), END))
                .isEqualTo(new CallbackTiming.Hint.PollNow());
    }

    @Test
    void aHintNeverWaitsLongerThanTheLearnedDelayAfterTheEndWhateverTheCallbackSays() {
        SplittableRandom random = new SplittableRandom(12);
        learn("acme", Duration.ofSeconds(45), 300);
        Duration earliest = timing.earliestTerminal("acme");
        for (int i = 0; i < 10_000; i++) {
            Instant ended = END.plusMillis(random.nextLong(-86_400_000L, 86_400_000L));
            Instant now = END.plusMillis(random.nextLong(-86_400_000L, 86_400_000L));
            CallbackTiming.Hint hint = timing.hint("acme", "p" + i, random.nextInt(10) == 0 ? null : ended, now);
            if (hint instanceof CallbackTiming.Hint.AwaitProcessing awaiting) {
                assertThat(awaiting.lookAt()).isAfter(now).isBeforeOrEqualTo(ended.plus(earliest));
            } else {
                assertThat(hint).isEqualTo(new CallbackTiming.Hint.PollNow());
            }
        }
    }

    @Test
    void theLearnedDelayIsALowQuantileOfLogUniformPostProcessing() {
        SplittableRandom random = new SplittableRandom(42);
        double[] samples = new double[3_000];
        for (int i = 0; i < samples.length; i++) {
            // The simulator's mix: log-uniform 5 s – 15 min.
            samples[i] = Math.exp(random.nextDouble(Math.log(5_000), Math.log(900_000)));
            timing.observeTerminal("acme", "learned", terminal(Duration.ofMillis((long) samples[i]), true), END);
        }
        Arrays.sort(samples);
        double learned = timing.earliestTerminal("acme").toMillis();
        // q10 of the samples, within the estimator's wobble: between q3 and q25.
        assertThat(learned).isBetween(samples[samples.length * 3 / 100], samples[samples.length / 4]);
    }

    @Test
    void aWrongStartIsUnlearnedWithinOneWindowOfCalls() {
        for (int i = 0; i < 50; i++) {
            timing.observeTerminal("acme", "learned", terminal(Duration.ZERO, true), END.plusMillis(20)); // warm-up: instant calls
        }
        learn("acme", Duration.ofSeconds(30), CallbackTiming.LowQuantile.WINDOW);

        assertThat(timing.earliestTerminal("acme")).isBetween(Duration.ofSeconds(22), Duration.ofSeconds(31));
    }

    @Test
    void withoutAnUpdatedTimeTheDetectionMomentIsTheUpperBoundItLearnsFrom() {
        for (int i = 0; i < 300; i++) {
            // updated_time equals end_time, as on the vendor's page: only the detection 40 s after the end tells.
            timing.observeTerminal("acme", "learned", terminal(Duration.ofSeconds(10), false), END.plusSeconds(40));
        }
        assertThat(timing.earliestTerminal("acme")).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(42));
    }

    @Test
    void aCallbacksEndTimeAndOurDetectionTeachMoreThanV3sWholeSecondTimes() {
        learn("acme", Duration.ofSeconds(2), 50); // v3's times say 2 s
        for (int i = 0; i < CallbackTiming.TRUSTED_SAMPLES; i++) {
            Instant ended = END.plusMillis(250 + i);
            timing.hint("acme", "c" + i, ended, ended.plusMillis(100));
            timing.observeTerminal("acme", "c" + i, terminal(Duration.ZERO, false), ended.plusSeconds(30));
        }

        assertThat(timing.earliestTerminal("acme")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void callsWithoutAnEndOrFromBeforeTheirEndTeachNothing() {
        timing.observeTerminal("acme", "learned", terminal(Duration.ofSeconds(10), false), END.minusSeconds(5));
        timing.observeTerminal("acme", "learned", details("terminal", "1970-01-01 05:30:00+05:30", "2026-12-02 15:30:10+05:30"), END);

        assertThat(timing.earliestTerminal("acme")).isZero();
    }

    @Test
    void theDuplicateMemoryIsBoundedAndForgetsTheOldestFirst() {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i <= CallbackTiming.DUPLICATE_MEMORY; i++) {
            sids.add("m" + i);
            timing.hint("acme", "m" + i, null, END);
        }
        assertThat(timing.hint("acme", sids.get(sids.size() - 1), null, END)).isEqualTo(new CallbackTiming.Hint.Duplicate());
        assertThat(timing.hint("acme", sids.get(0), null, END)).as("pushed out").isEqualTo(new CallbackTiming.Hint.PollNow());
    }

    private void learn(String account, Duration postProcessing, int calls) {
        for (int i = 0; i < calls; i++) {
            timing.observeTerminal(account, "learned", terminal(postProcessing, true), END.plus(postProcessing).plusSeconds(1));
        }
    }

    /** A terminal call that ended at END; its updated_time is the terminal moment, or END as on the vendor's page. */
    private static CallDetails terminal(Duration postProcessing, boolean updatedAtTerminal) {
        return details("terminal", ExotelTime.FORMAT.format(END.atOffset(IST)),
                ExotelTime.FORMAT.format((updatedAtTerminal ? END.plus(postProcessing) : END).atOffset(IST)));
    }

    private static CallDetails details(String state, String end, String updated) {
        return new CallDetails("cabfb1dfa8c5e1c7f2c458423b7716b3", "outbound", "+911414941199", state, "completed", null,
                "2026-12-02 15:29:00+05:30", updated, "2026-12-02 15:29:10+05:30", end, 50, 40, null, null, null, null,
                List.of());
    }
}
