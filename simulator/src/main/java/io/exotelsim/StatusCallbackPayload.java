package io.exotelsim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a status callback, v1 style, in the vendor's order: sent when v3 turns terminal
 * ({@link #of}), or when the call ends ({@link #atEnd}), while recordings are still being processed.
 */
final class StatusCallbackPayload {

    private StatusCallbackPayload() {
    }

    /** @param call a call that has turned terminal */
    static Map<String, Object> of(SimulatedCall call) {
        return fields(call, call.recordingUrl().orElse(null), call.timeline().terminalAt());
    }

    /**
     * At the call's end: the call's status, times and talk are known, its recording is not processed yet
     * (no URL), and the last update is the end itself.
     */
    static Map<String, Object> atEnd(SimulatedCall call) {
        return fields(call, null, call.timeline().ended());
    }

    private static Map<String, Object> fields(SimulatedCall call, String recordingUrl, Instant updated) {
        CallTimeline timeline = call.timeline();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("CallSid", call.sid());
        fields.put("Status", V1Terms.status(call));
        fields.put("RecordingUrl", recordingUrl);
        fields.put("DateUpdated", ExotelTime.formatV1(updated));
        fields.put("EventType", "terminal");
        fields.put("DateCreated", ExotelTime.formatV1(timeline.created()));
        fields.put("To", V1Terms.to(call));
        fields.put("From", V1Terms.from(call));
        fields.put("PhoneNumberSid", call.virtualNumber());
        fields.put("StartTime", ExotelTime.formatV1(timeline.started()));
        fields.put("EndTime", ExotelTime.formatV1(timeline.ended()));
        fields.put("ConversationDuration", timeline.talk().toSeconds());
        fields.put("Direction", V1Terms.direction(call));
        fields.put("CustomField", call.customField());
        return fields;
    }
}
