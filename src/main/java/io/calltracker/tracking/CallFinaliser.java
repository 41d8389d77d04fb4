package io.calltracker.tracking;

import io.calltracker.archive.RecordingArchive;
import io.calltracker.exotel.LegsResult;
import io.calltracker.publishing.EventType;
import io.calltracker.publishing.Outbox;
import io.calltracker.records.CallCompletedEvent;
import io.calltracker.records.CallCompletedEvents;
import io.calltracker.records.CallLeg;
import io.calltracker.records.CallRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

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

    private final PollSchedule schedule;
    private final CallRecordMapper records;
    private final CallCompletedEvents events;
    private final Outbox outbox;
    private final RecordingArchive archive;
    private final FinishMetrics metrics;

    public CallFinaliser(PollSchedule schedule, CallRecordMapper records, CallCompletedEvents events, Outbox outbox,
                         RecordingArchive archive, FinishMetrics metrics) {
        this.archive = archive;
        this.schedule = schedule;
        this.records = records;
        this.events = events;
        this.outbox = outbox;
        this.metrics = metrics;
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
        metrics.finished(claim.accountSid(), record.outcome);
        metrics.detected(record.updatedTime, record.terminalDetectedAt);
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
        metrics.finished(record.accountSid, record.outcome);
        LOG.infof("call %s cancelled by an operator after %d polls", callSid, record.pollCount);
        return true;
    }

    private void queueEvent(CallRecord record, List<CallLeg> legs) {
        CallCompletedEvent event = events.completed(record, legs);
        outbox.append(EventType.CALL_COMPLETED, event.eventId(), event.callSid(), event.accountSid(), record.finalisedAt, event);
    }
}
