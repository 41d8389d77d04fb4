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

    /** At the model's moment, in the model's time format. */
    static Map<String, Object> of(SimulatedCall call, CallbackModel model) {
        return model.atEnd()
                ? fields(call, null, call.timeline().ended(), model)
                : fields(call, call.recordingUrl().orElse(null), call.timeline().terminalAt(), model);
    }

    /**
     * At the call's end (moment {@code end}) the call's status, times and talk are known, its recording is not
     * processed yet (no URL), and the last update is the end itself.
     */
    private static Map<String, Object> fields(SimulatedCall call, String recordingUrl, Instant updated, CallbackModel model) {
        CallTimeline timeline = call.timeline();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("CallSid", call.sid());
        fields.put("Status", V1Terms.status(call));
        fields.put("RecordingUrl", recordingUrl);
        fields.put("DateUpdated", model.format(updated));
        fields.put("EventType", "terminal");
        fields.put("DateCreated", model.format(timeline.created()));
        fields.put("To", V1Terms.to(call));
        fields.put("From", V1Terms.from(call));
        fields.put("PhoneNumberSid", call.virtualNumber());
        fields.put("StartTime", model.format(timeline.started()));
        fields.put("EndTime", model.format(timeline.ended()));
        fields.put("ConversationDuration", timeline.talk().toSeconds());
        fields.put("Direction", V1Terms.direction(call));
        fields.put("CustomField", call.customField());
        return fields;
    }
}
