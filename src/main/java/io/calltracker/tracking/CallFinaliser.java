package io.calltracker.tracking;

import io.calltracker.archive.RecordingArchive;
import io.calltracker.exotel.LegsResult;
import io.calltracker.publishing.Outbox;
import io.calltracker.records.CallCompletedEvent;
import io.calltracker.records.CallCompletedEvents;
import io.calltracker.records.CallLeg;
import io.calltracker.records.CallRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ends the tracking of a call: in one transaction the schedule row gets its outcome, the record is
 * stored and the completion event is queued. The schedule update is fenced by the claim token, so
 * a call whose lease was lost to another instance is finalised by that instance only.
 */
@ApplicationScoped
public class CallFinaliser {

    private static final Logger LOG = Logger.getLogger(CallFinaliser.class);
    private static final Duration PLAUSIBLE_LATENCY = Duration.ofDays(1);

    private final PollSchedule schedule;
    private final CallRecordMapper records;
    private final CallCompletedEvents events;
    private final Outbox outbox;
    private final RecordingArchive archive;
    private final MeterRegistry meters;

    public CallFinaliser(PollSchedule schedule, CallRecordMapper records, CallCompletedEvents events, Outbox outbox,
                         RecordingArchive archive, MeterRegistry meters) {
        this.archive = archive;
        this.schedule = schedule;
        this.records = records;
        this.events = events;
        this.outbox = outbox;
        this.meters = meters;
    }

    /**
     * @param legs the call's legs, or null when none were asked for
     * @return false when the claim was lost and nothing was written.
     */
    @Transactional
    public boolean finish(Claim claim, Decision.Finish finish, LegsResult legs, Instant now) {
        if (!schedule.finish(claim, finish.outcome(), finish.reason())) {
            LOG.debugf("call %s: claim lost before finishing, left to its new owner", claim.callSid());
            return false;
        }
        CallRecord record = records.of(claim, finish, now);
        List<CallLeg> legRows = List.of();
        if (legs instanceof LegsResult.Fetched fetched) {
            legRows = records.legs(claim.callSid(), fetched.legs());
            record.legsStatus = "fetched";
        } else {
            record.legsStatus = legs instanceof LegsResult.Unavailable unavailable ? unavailable.reason() : "not_applicable";
        }
        record.persist();
        legRows.forEach(leg -> leg.persist());
        queueEvent(record, legRows);
        // One INSERT in this transaction when archival is on; the copying happens later, on the archive's workers.
        archive.enqueue(record);
        meters.counter("tracker.calls.finished", "account", claim.accountSid(), "outcome", record.outcome).increment();
        if (record.terminalDetectedAt != null && record.updatedTime != null && record.updatedTime.isBefore(record.terminalDetectedAt)) {
            // Exotel's updated_time of a terminal call is the moment it became terminal: the best clock we have.
            Duration latency = Duration.between(record.updatedTime, record.terminalDetectedAt);
            // A call is tracked for hours: an updated_time days back is a wrong time, not a latency (and one
            // centuries back, e.g. year 1, would overflow the timer's nanoseconds and fail the record).
            if (latency.compareTo(PLAUSIBLE_LATENCY) <= 0) {
                Timer.builder("tracker.detection.latency").publishPercentileHistogram()
                        .description("From Exotel's last update of a terminal call to our detecting it")
                        .register(meters).record(latency);
            }
        }
        LOG.infof("call %s finished: outcome=%s status=%s polls=%d", claim.callSid(), record.outcome, record.status,
                record.pollCount);
        return true;
    }

    /**
     * Stops tracking an in-flight call on an operator's request: outcome cancelled with the given
     * reason, its record and its event, in one transaction. Not fenced by a claim: a poller still
     * holding one finds the call finished and writes nothing.
     *
     * @return false when the call is unknown or already finished, and nothing was written.
     */
    @Transactional
    public boolean cancel(String callSid, String reason, Instant now) {
        Optional<Claim> call = schedule.cancel(callSid, reason);
        if (call.isEmpty()) {
            return false;
        }
        CallRecord record = records.of(call.get(), new Decision.Finish(Outcome.CANCELLED, reason, null, null), now);
        // records.of counts the poll that finished the call; a cancelled call was finished by none.
        record.pollCount = call.get().pollCount();
        record.legsStatus = "not_applicable";
        record.persist();
        queueEvent(record, List.of());
        meters.counter("tracker.calls.finished", "account", record.accountSid, "outcome", record.outcome).increment();
        LOG.infof("call %s cancelled by an operator after %d polls", callSid, record.pollCount);
        return true;
    }

    private void queueEvent(CallRecord record, List<CallLeg> legs) {
        CallCompletedEvent event = events.completed(record, legs);
        outbox.append(event.eventId(), event.eventType(), event.callSid(), event);
    }
}
