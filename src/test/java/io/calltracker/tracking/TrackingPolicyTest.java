package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.PollResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingPolicyTest {

    private static final Instant SEEN = Instant.parse("2026-11-27T10:00:00Z");
    private static final BackoffPolicy BACKOFF = new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2));
    private final TrackingPolicy policy = new TrackingPolicy(BACKOFF,
            PollStrategy.of(PollStrategy.Kind.EXPONENTIAL, BACKOFF, Duration.ofMinutes(1)), Duration.ofMinutes(3), Duration.ofHours(5), 10, new SplittableRandom(3));

    @Test
    void terminalFinishesWithTheDetails() {
        PollResult.Found found = found("terminal", "2026-11-27 15:32:00+05:30");
        Decision decision = policy.decide(claim(null), found, SEEN.plusSeconds(60));
        assertThat(decision).isEqualTo(new Decision.Finish(Outcome.TERMINAL, null, found.details(), found.rawJson()));
    }

    @Test
    void activeIsPolledAgainWithinTheBackoffRange() {
        Instant now = SEEN.plusSeconds(60);
        Decision.PollAgain again = (Decision.PollAgain) policy.decide(claim(null), found("active", null), now);
        assertThat(again.at()).isBetween(now.plusSeconds(10), now.plusSeconds(120));
        assertThat(again.error()).isNull();
        assertThat(again.firstNotFoundAt()).isNull();
    }

    @Test
    void postProcessingIsStillNotFinal() {
        Decision decision = policy.decide(claim(null), found("active", "2026-11-27 15:32:00+05:30"), SEEN.plusSeconds(60));
        assertThat(decision).isInstanceOf(Decision.PollAgain.class);
    }

    @Test
    void notFoundIsRetriedUntilTheGracePeriodHasPassed() {
        Instant first = SEEN.plusSeconds(15);
        Decision.PollAgain again = (Decision.PollAgain) policy.decide(claim(null), new PollResult.NotFound(), first);
        assertThat(again.firstNotFoundAt()).isEqualTo(first);

        Decision stillWaiting = policy.decide(claim(first), new PollResult.NotFound(), first.plus(Duration.ofMinutes(2)));
        assertThat(stillWaiting).isInstanceOf(Decision.PollAgain.class);
        assertThat(((Decision.PollAgain) stillWaiting).firstNotFoundAt()).isEqualTo(first);

        Decision.Finish finish = (Decision.Finish) policy.decide(claim(first), new PollResult.NotFound(), first.plus(Duration.ofMinutes(3)));
        assertThat(finish.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(finish.details()).isNull();
    }

    @Test
    void foundAfterNotFoundResetsTheGraceClock() {
        Decision.PollAgain again = (Decision.PollAgain) policy.decide(claim(SEEN), found("active", null), SEEN.plusSeconds(100));
        assertThat(again.firstNotFoundAt()).isNull();
    }

    @Test
    void retryAfterSetsTheEarliestNextPoll() {
        Instant now = SEEN.plusSeconds(30);
        Decision.PollAgain again = (Decision.PollAgain) policy.decide(claim(null),
                new PollResult.RateLimited(Duration.ofMinutes(10)), now);
        assertThat(again.at()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(again.error()).isEqualTo("HTTP 429");
    }

    @Test
    void faultsAreRetriedWithBackoff() {
        Instant now = SEEN.plusSeconds(30);
        Decision.PollAgain again = (Decision.PollAgain) policy.decide(claim(null), new PollResult.Unavailable("HTTP 500", null), now);
        assertThat(again.at()).isBetween(now.plusSeconds(10), now.plusSeconds(120));
        assertThat(policy.decide(claim(null), new PollResult.Unauthorized(401), now)).isInstanceOf(Decision.PollAgain.class);
    }

    @Test
    void aCallNotTerminalAtTheMaximumAgeIsGivenUpWithTheReasonAndLastDetails() {
        Instant late = SEEN.plus(Duration.ofHours(5));
        PollResult.Found active = found("active", "2026-11-27 15:32:00+05:30");
        Decision.Finish finish = (Decision.Finish) policy.decide(claim(null), active, late);
        assertThat(finish.outcome()).isEqualTo(Outcome.GAVE_UP);
        assertThat(finish.reason()).contains("post-processing");
        assertThat(finish.details()).isEqualTo(active.details());

        Decision.Finish failing = (Decision.Finish) policy.decide(claim(null), new PollResult.Unavailable("HTTP 503", null), late);
        assertThat(failing.outcome()).isEqualTo(Outcome.GAVE_UP);
        assertThat(failing.reason()).contains("HTTP 503");
    }

    @Test
    void aReplyThatCannotBeAppliedIsRetriedAFewTimesThenTheCallFailsKeepingTheReply() {
        Instant now = SEEN.plusSeconds(60);
        PollResult unusable = new PollResult.Unusable("HTTP 200 without call_details", "{\"response\":{}}");

        Decision.PollAgain again = (Decision.PollAgain) policy.decide(failedBefore(0), unusable, now);
        assertThat(again.unapplied()).isTrue();
        assertThat(again.error()).isEqualTo("HTTP 200 without call_details");
        assertThat(again.at()).isBetween(now.plusSeconds(10), now.plusSeconds(120));
        assertThat(policy.decide(failedBefore(8), unusable, now)).isInstanceOf(Decision.PollAgain.class);

        Decision.Finish failed = (Decision.Finish) policy.decide(failedBefore(9), unusable, now);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.reason()).isEqualTo("HTTP 200 without call_details (10 polls in a row)");
        assertThat(failed.rawJson()).isEqualTo("{\"response\":{}}");
        assertThat(failed.details()).isNull();
    }

    @Test
    void aReplyThatCannotBeAppliedAtTheMaximumAgeFailsAtOnce() {
        Decision.Finish failed = (Decision.Finish) policy.unapplied(failedBefore(0), "reply not applied: DataException",
                "{}", SEEN.plus(Duration.ofHours(5)));
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.reason()).startsWith("reply not applied: DataException");
    }

    @Test
    void anAppliedPollDoesNotCountAsAFailure() {
        Decision.PollAgain again = (Decision.PollAgain) policy.decide(failedBefore(9), new PollResult.Unavailable("HTTP 500", null),
                SEEN.plusSeconds(60));
        assertThat(again.unapplied()).isFalse();
    }

    private static Claim failedBefore(int pollFailures) {
        return new Claim("cabfb1dfa8c5e1c7f2c458423b7716b3", "acme", 1, SEEN, 3, 3, null, null, pollFailures);
    }

    private static Claim claim(Instant firstNotFoundAt) {
        return new Claim("cabfb1dfa8c5e1c7f2c458423b7716b3", "acme", 1, SEEN, 3, 3, firstNotFoundAt, null, 0);
    }

    private static PollResult.Found found(String state, String endTime) {
        CallDetails details = new CallDetails("cabfb1dfa8c5e1c7f2c458423b7716b3", "outbound", "+911414941199", state,
                "terminal".equals(state) ? "completed" : null, null, "2026-11-27 15:30:00+05:30", "2026-11-27 15:30:05+05:30",
                "2026-11-27 15:30:05+05:30", endTime == null ? "1970-01-01 05:30:00+05:30" : endTime, null, null, null, null,
                null, null, List.of());
        return new PollResult.Found(details, "{}");
    }
}
