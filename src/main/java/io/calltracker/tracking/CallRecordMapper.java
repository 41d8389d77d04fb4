package io.calltracker.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.CallLegs;
import io.calltracker.exotel.ExotelTime;
import io.calltracker.records.CallLeg;
import io.calltracker.records.CallRecord;
import io.calltracker.records.Recording;
import io.calltracker.records.StorableText;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds the final record of a call from its claim and the decision that finished it. */
@ApplicationScoped
public class CallRecordMapper {

    private final ObjectMapper mapper;

    public CallRecordMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The legs of a terminal call, in API order, with their side. */
    public List<CallLeg> legs(String callSid, CallLegs legs) {
        List<CallLeg> rows = new ArrayList<>();
        addLegs(rows, callSid, "from", legs.fromOrEmpty());
        addLegs(rows, callSid, "to", legs.toOrEmpty());
        return rows;
    }

    private static void addLegs(List<CallLeg> rows, String callSid, String side, List<CallLegs.Leg> legs) {
        for (int i = 0; i < legs.size(); i++) {
            CallLegs.Leg leg = legs.get(i);
            CallLeg row = new CallLeg();
            row.callSid = callSid;
            row.side = side;
            row.position = i;
            row.legSid = StorableText.of(leg.sid());
            row.name = StorableText.of(leg.name());
            row.contactUri = StorableText.of(leg.contactUri());
            row.status = StorableText.of(leg.status());
            row.dateCreated = storableTime(leg.dateCreated());
            row.dateUpdated = storableTime(leg.dateUpdated());
            row.groupId = StorableText.of(leg.groupId());
            row.groupName = StorableText.of(leg.groupName());
            rows.add(row);
        }
    }

    /**
     * Text fields have NUL replaced ({@link StorableText}); a call_details reply is already read so that
     * every time it holds is storable and its notes say what was left out.
     */
    public CallRecord of(Claim claim, Decision.Finish finish, Instant now) {
        CallRecord record = new CallRecord();
        record.callSid = claim.callSid();
        record.accountSid = claim.accountSid();
        record.outcome = finish.outcome().wireName();
        record.outcomeReason = StorableText.of(finish.reason());
        record.rawResponse = StorableText.of(finish.rawJson());
        record.metadata = claim.metadataJson();
        record.firstSeenAt = utc(claim.firstSeenAt());
        record.finalisedAt = utc(now);
        record.pollCount = claim.pollCount() + 1;
        record.recordings = "[]";
        CallDetails details = finish.details();
        if (details != null) {
            record.direction = StorableText.of(details.direction());
            record.virtualNumber = StorableText.of(details.virtualNumber());
            record.state = StorableText.of(details.state());
            record.status = StorableText.of(details.status());
            record.createdTime = details.created();
            record.updatedTime = details.updated();
            record.startTime = details.started();
            record.endTime = details.ended();
            record.totalDuration = details.totalDuration();
            record.totalTalkTime = details.totalTalkTime();
            record.customField = StorableText.of(details.customField());
            record.appId = StorableText.of(details.appId());
            record.appName = StorableText.of(details.appName());
            record.digits = StorableText.of(details.digits());
            record.recordings = json(details.recordingsOrEmpty().stream()
                    .map(recording -> new Recording(StorableText.of(recording.url()))).toList());
            record.legsPath = StorableText.of(details.legs());
            record.mappingNotes = details.notes().isEmpty() ? null : StorableText.of(String.join("\n", details.notes()));
            record.terminalDetectedAt = details.isTerminal() ? utc(now) : null;
        }
        return record;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recordings are not serialisable", e);
        }
    }

    private static OffsetDateTime storableTime(String exotelTime) {
        return ExotelTime.storable(exotelTime) ? ExotelTime.parse(exotelTime) : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
