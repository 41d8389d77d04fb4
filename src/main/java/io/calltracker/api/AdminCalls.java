package io.calltracker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.archive.RecordingArchive;
import io.calltracker.base.ProblemType;
import io.calltracker.exotel.Sids;
import io.calltracker.publishing.EventType;
import io.calltracker.publishing.Outbox;
import io.calltracker.records.CallRecords;
import io.calltracker.tracking.CallFinaliser;
import io.calltracker.tracking.PollSchedule;
import io.calltracker.tracking.TrackedCallView;
import io.calltracker.tracking.TrackedCalls;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What an operator can see and do with one call; answers every action with the call's fresh view. */
@ApplicationScoped
class AdminCalls {

    /** outcome_reason is copied into the record and the event: a reason, not a document. */
    static final int MAX_REASON_LENGTH = 500;

    private static final Logger LOG = Logger.getLogger(AdminCalls.class);

    private static final TypeReference<List<Object>> RECORDINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> ARCHIVE = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final TrackedCalls calls;
    private final PollSchedule schedule;
    private final CallFinaliser finaliser;
    private final CallRecords records;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final RecordingArchive archive;
    private final Clock clock = Clock.systemUTC();

    AdminCalls(TrackedCalls calls, PollSchedule schedule, CallFinaliser finaliser, CallRecords records, Outbox outbox,
               RecordingArchive archive, ObjectMapper mapper) {
        this.archive = archive;
        this.calls = calls;
        this.schedule = schedule;
        this.finaliser = finaliser;
        this.records = records;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    CallView view(String callSid) {
        TrackedCallView tracking = calls.find(validSid(callSid)).orElseThrow(() -> notTracked(callSid));
        CallView.Record record = records.find(callSid)
                .map(r -> CallView.Record.of(r, read(r.recordings, RECORDINGS).size(),
                        r.recordingArchive == null ? null : read(r.recordingArchive, ARCHIVE), records.legCount(callSid),
                        r.metadata == null ? null : read(r.metadata, METADATA)))
                .orElse(null);
        CallView.Event event = outbox.eventOf(callSid, EventType.CALL_COMPLETED)
                .map(CallView.Event::of).orElse(null);
        return new CallView(tracking, record, event);
    }

    List<TrackedCallView> list(CallListQuery query) {
        return calls.list(query.inFlight(), query.minAge(), query.accountSid(), query.limit());
    }

    CallView pollNow(String callSid) {
        if (!schedule.pollNow(validSid(callSid))) {
            throw notInFlight(callSid);
        }
        LOG.infof("call %s: poll now, asked by an operator", callSid);
        return view(callSid);
    }

    CallView cancel(String callSid, String reason) {
        validSid(callSid);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON_LENGTH) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "reason is required: 1 to " + MAX_REASON_LENGTH + " characters saying who cancelled and why");
        }
        if (!finaliser.cancel(callSid, why, clock.instant())) {
            throw notInFlight(callSid);
        }
        return view(callSid);
    }

    CallView replayEvent(String callSid) {
        if (outbox.replay(validSid(callSid), EventType.CALL_COMPLETED).isEmpty()) {
            TrackedCallView call = calls.find(callSid).orElseThrow(() -> notTracked(callSid));
            throw new ProblemException(ProblemType.EVENT_NOT_FOUND, call.outcome() == null
                    ? "call " + callSid + " is still in flight: it has no completion event yet"
                    : "call " + callSid + " finished; its completion event was sent and deleted after"
                            + " tracker.retention.sent-events.keep");
        }
        LOG.infof("call %s: completion event queued again, asked by an operator", callSid);
        return view(callSid);
    }

    RearchiveResult rearchive(String callSid) {
        validSid(callSid);
        if (!archive.enabled()) {
            throw new ProblemException(ProblemType.ARCHIVE_DISABLED,
                    "recording archival is off (TRACKER_RECORDINGS_ARCHIVE_ENABLED=false)");
        }
        int queued = archive.rearchive(callSid).orElseThrow(() -> new ProblemException(ProblemType.CALL_NOT_FOUND,
                "no finished call has SID " + callSid));
        LOG.infof("call %s: %d recording(s) queued for archival again, asked by an operator", callSid, queued);
        return new RearchiveResult(callSid, queued);
    }

    /** The action needs an in-flight call: tell an unknown call (404) from a finished one (409). */
    private ProblemException notInFlight(String callSid) {
        TrackedCallView call = calls.find(callSid).orElseThrow(() -> notTracked(callSid));
        return new ProblemException(ProblemType.CALL_FINISHED,
                "call " + callSid + " already finished with outcome " + call.outcome());
    }

    private static ProblemException notTracked(String callSid) {
        return new ProblemException(ProblemType.CALL_NOT_FOUND, "no tracked call has SID " + callSid);
    }

    /** A SID of the wrong shape is a client error, not an unknown call; checked before it reaches SQL or a message. */
    private static String validSid(String callSid) {
        if (!Sids.isCallSid(callSid)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "call SID must match " + Sids.CALL_SID_PATTERN);
        }
        return callSid;
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column is invalid", e);
        }
    }
}
