package io.calltracker.intake;

import io.calltracker.exotel.Accounts;
import io.calltracker.tracking.PollSchedule;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;

/**
 * Acts on a status callback: the call it names is polled now, whether it was tracked already or is
 * first heard of here. Only a hint: what is recorded comes from that poll, and when callbacks are late
 * or missing the schedule polls anyway.
 */
@ApplicationScoped
class StatusCallbackHints {

    enum Result {
        /** An in-flight call, made due now. */
        DUE_NOW,
        /** A call not tracked before, tracked from now on with its first poll due now. */
        STARTED,
        /** Nothing to do: the call is finished. */
        ALREADY_FINISHED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final IntakeParser intake;
    private final PollSchedule schedule;
    private final String defaultAccount;

    StatusCallbackHints(IntakeParser intake, PollSchedule schedule, CallbackConfig config, Accounts accounts) {
        this.intake = intake;
        this.schedule = schedule;
        this.defaultAccount = config.accountSid().filter(sid -> !sid.isBlank()).orElse(accounts.defaultSid());
    }

    /** @throws RejectedIntakeException when the callback names a call intake would refuse */
    Result hint(StatusCallback callback) {
        IntakeRequest request = intake.request(callback.callSid(),
                callback.accountSid() == null ? defaultAccount : callback.accountSid(), null);
        // Inserting first leaves no gap in which intake could store the call between our two looks;
        // a call already known keeps its account and metadata (ON CONFLICT DO NOTHING).
        if (schedule.enqueue(request.callSid(), request.accountSid(), null, Duration.ZERO)) {
            return Result.STARTED;
        }
        return schedule.pollNow(request.callSid()) ? Result.DUE_NOW : Result.ALREADY_FINISHED;
    }
}
