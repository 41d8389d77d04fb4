package io.calltracker.intake;

import io.calltracker.tracking.FirstPoll;
import io.calltracker.tracking.NewCall;
import io.calltracker.tracking.PollSchedule;
import io.calltracker.tracking.ScheduleUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.List;

/** Puts accepted calls into the schedule, waiting out database outages rather than losing the messages. */
@ApplicationScoped
public class IntakeStore {

    private final PollSchedule schedule;
    private final FirstPoll firstPoll;

    public IntakeStore(PollSchedule schedule, FirstPoll firstPoll) {
        this.schedule = schedule;
        this.firstPoll = firstPoll;
    }

    /**
     * Retries forever: while PostgreSQL is away the consumer simply stops here, so nothing is
     * acknowledged and no offset moves past an unsaved call.
     */
    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, retryOn = ScheduleUnavailableException.class)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void trackAll(List<IntakeRequest> requests) {
        schedule.enqueueAll(requests.stream()
                .map(r -> new NewCall(r.callSid(), r.accountSid(), r.metadataJson()))
                .toList(), firstPoll.delay());
    }
}
