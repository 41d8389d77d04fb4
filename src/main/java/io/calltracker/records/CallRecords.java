package io.calltracker.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.CallLegs;
import io.calltracker.exotel.ExotelTime;
import io.calltracker.tracking.Claim;
import io.calltracker.tracking.Decision;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds the final record of a call from its claim and the decision that finished it. */
@ApplicationScoped
public class CallRecords {

    private final ObjectMapper mapper;

    public CallRecords(ObjectMapper mapper) {
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
            row.legSid = leg.sid();
            row.name = leg.name();
            row.contactUri = leg.contactUri();
            row.status = leg.status();
            row.dateCreated = ExotelTime.parse(leg.dateCreated());
            row.dateUpdated = ExotelTime.parse(leg.dateUpdated());
            row.groupId = leg.groupId();
            row.groupName = leg.groupName();
            rows.add(row);
        }
    }

    public CallRecord of(Claim claim, Decision.Finish finish, Instant now) {
        CallRecord record = new CallRecord();
        record.callSid = claim.callSid();
        record.accountSid = claim.accountSid();
        record.outcome = finish.outcome().wireName();
        record.outcomeReason = finish.reason();
        record.metadata = claim.metadataJson();
        record.firstSeenAt = utc(claim.firstSeenAt());
        record.finalisedAt = utc(now);
        record.pollCount = claim.pollCount() + 1;
        record.recordings = "[]";
        CallDetails details = finish.details();
        if (details != null) {
            record.direction = details.direction();
            record.virtualNumber = details.virtualNumber();
            record.state = details.state();
            record.status = details.status();
            record.createdTime = details.created();
            record.updatedTime = details.updated();
            record.startTime = details.started();
            record.endTime = details.ended();
            record.totalDuration = details.totalDuration();
            record.totalTalkTime = details.totalTalkTime();
            record.customField = details.customField();
            record.appId = details.appId();
            record.appName = details.appName();
            record.digits = details.digits();
            record.recordings = json(details.recordingsOrEmpty());
            record.legsPath = details.legs();
            record.rawResponse = finish.rawJson();
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

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
