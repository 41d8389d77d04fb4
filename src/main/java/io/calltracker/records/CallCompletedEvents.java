package io.calltracker.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Maps a final record to its completion event. */
@ApplicationScoped
public class CallCompletedEvents {

    private static final TypeReference<List<Recording>> RECORDINGS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public CallCompletedEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CallCompletedEvent completed(CallRecord record, List<CallLeg> legs) {
        try {
            return new CallCompletedEvent(
                    UUID.randomUUID(), CallCompletedEvent.TYPE, CallCompletedEvent.SCHEMA_VERSION,
                    record.callSid, record.accountSid, record.outcome, record.outcomeReason,
                    record.state, record.status, record.direction, record.virtualNumber,
                    record.createdTime, record.updatedTime, record.startTime, record.endTime,
                    record.totalDuration, record.totalTalkTime, record.digits,
                    mapper.readValue(record.recordings, RECORDINGS),
                    record.customField, record.appId, record.appName, record.legsPath, record.legsStatus,
                    legs.stream().map(CallCompletedEvents::leg).toList(),
                    record.metadata == null ? null : mapper.readTree(record.metadata),
                    new CallCompletedEvent.Tracking(record.firstSeenAt, record.terminalDetectedAt, record.finalisedAt,
                            record.pollCount));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record of " + record.callSid + " holds invalid JSON", e);
        }
    }

    private static CallCompletedEvent.Leg leg(CallLeg leg) {
        return new CallCompletedEvent.Leg(leg.side, leg.legSid, leg.name, leg.contactUri, leg.status, leg.dateCreated,
                leg.dateUpdated, leg.groupId, leg.groupName);
    }
}
