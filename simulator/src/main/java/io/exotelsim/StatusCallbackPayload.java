package io.exotelsim;

import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a terminal status callback, v1 style, in the vendor's order. */
final class StatusCallbackPayload {

    private StatusCallbackPayload() {
    }

    /** @param call a call that has turned terminal */
    static Map<String, Object> of(SimulatedCall call) {
        CallTimeline timeline = call.timeline();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("CallSid", call.sid());
        fields.put("Status", V1Terms.status(call));
        fields.put("RecordingUrl", call.recordingUrl().orElse(null));
        fields.put("DateUpdated", ExotelTime.formatV1(timeline.terminalAt()));
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
