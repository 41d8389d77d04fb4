package io.calltracker.intake;

import io.calltracker.base.DatabaseAwayException;
import io.calltracker.base.RowRefusedException;
import io.calltracker.tracking.FirstPoll;
import io.calltracker.tracking.NewCall;
import io.calltracker.tracking.PollSchedule;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts accepted calls into the schedule, waiting out database outages rather than losing the messages,
 * and handing back the calls whose data the database refuses rather than retrying them forever.
 */
@ApplicationScoped
public class IntakeStore {

    private static final Logger LOG = Logger.getLogger(IntakeStore.class);

    private final PollSchedule schedule;
    private final FirstPoll firstPoll;

    public IntakeStore(PollSchedule schedule, FirstPoll firstPoll) {
        this.schedule = schedule;
        this.firstPoll = firstPoll;
    }

    /** A request the database refused: its position in the list given and the database's reason. */
    public record Refusal(int index, String reason) {
    }

    /**
     * Retries forever while the database is away: the consumer simply stops here, so nothing is
     * acknowledged and no offset moves past an unsaved call. A retry after a partial store is harmless
     * (a call already stored is left as it is). Retries back off to one every 5 s at most: a try costs one
     * connection attempt, and intake should resume within seconds of the database's return, not half a
     * minute after it.
     *
     * @return the requests the database refused, for the dead-letter topic; every other request is stored
     */
    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, retryOn = DatabaseAwayException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public List<Refusal> trackAll(List<IntakeRequest> requests) {
        Duration delay = firstPoll.delay();
        try {
            schedule.enqueueAll(requests.stream()
                    .map(r -> new NewCall(r.callSid(), r.accountSid(), r.metadataJson()))
                    .toList(), delay);
            return List.of();
        } catch (RowRefusedException batchRefused) {
            LOG.warnf("a batch of %d calls was refused (%s); storing them one by one", requests.size(), batchRefused.reason());
            return oneByOne(requests, delay);
        }
    }

    /**
     * The database refuses a whole statement for one bad row, so each row goes in alone and only the
     * refused ones are left out. In request order, so of a SID given twice the first stored still counts.
     */
    private List<Refusal> oneByOne(List<IntakeRequest> requests, Duration delay) {
        List<Refusal> refused = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            IntakeRequest request = requests.get(i);
            try {
                schedule.enqueue(request.callSid(), request.accountSid(), request.metadataJson(), delay);
            } catch (RowRefusedException e) {
                refused.add(new Refusal(i, e.reason()));
            }
        }
        return refused;
    }
}
