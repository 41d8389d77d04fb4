package io.calltracker.intake;

import io.calltracker.exotel.Accounts;
import io.calltracker.tracking.BulkSweeper;
import io.calltracker.tracking.CallbackTiming;
import io.calltracker.tracking.PollSchedule;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Acts on a status callback, as {@link CallbackTiming} reads it: the call it names is polled now, or,
 * when its EndTime says it ended too recently to be processed, marked ended and looked at once it can be
 * (by the post-processing sweep where it watches the account, else by a per-call poll at that moment). A call
 * first heard of here is tracked from now on. Only a hint: what is recorded comes from a v3 poll, and
 * when callbacks are late, missing or wrong the schedule polls anyway.
 */
@ApplicationScoped
class StatusCallbackHints {

    enum Result {
        /** An in-flight call, made due now. */
        DUE_NOW,
        /** A call not tracked before, tracked from now on. */
        STARTED,
        /** An in-flight call that ended too recently to be processed: marked ended, looked at once it can be. */
        ENDED,
        /** A copy of a callback this instance acted on already: nothing to do. */
        DUPLICATE,
        /** Nothing to do: the call is finished. */
        ALREADY_FINISHED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final IntakeParser intake;
    private final PollSchedule schedule;
    private final CallbackTiming timing;
    private final BulkSweeper sweeper;
    private final Accounts accounts;
    private final String defaultAccount;
    private final Clock clock = Clock.systemUTC();

    StatusCallbackHints(IntakeParser intake, PollSchedule schedule, CallbackConfig config, Accounts accounts,
                        CallbackTiming timing, BulkSweeper sweeper) {
        this.intake = intake;
        this.schedule = schedule;
        this.timing = timing;
        this.sweeper = sweeper;
        this.accounts = accounts;
        this.defaultAccount = config.accountSid().filter(sid -> !sid.isBlank()).orElse(accounts.defaultSid());
    }

    /** @throws RejectedIntakeException when the callback names a call intake would refuse */
    Result hint(StatusCallback callback) {
        IntakeRequest request = intake.request(callback.callSid(),
                callback.accountSid() == null ? defaultAccount : callback.accountSid(), null);
        Instant now = clock.instant();
        CallbackTiming.Hint hint = timing.hint(request.accountSid(), request.callSid(), callback.endedAt(), now);
        try {
            return act(request, hint, now);
        } catch (RuntimeException notActedOn) {
            timing.forget(request.callSid());
            throw notActedOn;
        }
    }

    private Result act(IntakeRequest request, CallbackTiming.Hint hint, Instant now) {
        if (hint instanceof CallbackTiming.Hint.Duplicate) {
            return Result.DUPLICATE;
        }
        Instant lookAt = hint instanceof CallbackTiming.Hint.AwaitProcessing awaiting ? awaiting.lookAt() : now;
        // Inserting first leaves no gap in which intake could store the call between our two looks;
        // a call already known keeps its account and metadata (ON CONFLICT DO NOTHING).
        if (schedule.enqueue(request.callSid(), request.accountSid(), null, Duration.between(now, lookAt))) {
            return Result.STARTED;
        }
        if (hint instanceof CallbackTiming.Hint.PollNow) {
            return schedule.pollNow(request.callSid()) ? Result.DUE_NOW : Result.ALREADY_FINISHED;
        }
        // A post-processing sweep watches ended calls without spending v3 requests on them; else a v3 look at lookAt
        // (the ordinary sweep alone would leave a call a callback came for up to a sweep interval late).
        boolean swept = accounts.find(request.accountSid()).map(sweeper::watchesEndedCalls).orElse(false);
        return schedule.awaitProcessing(request.callSid(), swept ? null : lookAt) ? Result.ENDED : Result.ALREADY_FINISHED;
    }
}
