package io.exotelsim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ended call as v1 Bulk Call Details lists it. The figures v1 fills in asynchronously (duration,
 * price, end time) stay null until the model in force says ({@link V1Listing#filledFrom}); by default
 * until the v3 API shows the call as terminal, so the two APIs agree on when post-processing is done.
 * The recording appears when v3 turns terminal under every model.
 */
final class V1CallView {

    /** Per started minute of talk, so that unanswered calls cost nothing. */
    private static final double PRICE_PER_MINUTE = 0.5;

    private V1CallView() {
    }

    /** @param now a moment at which {@code listing} lists {@code call} */
    static Map<String, Object> of(SimulatedCall call, Instant now, V1Listing listing) {
        boolean terminal = call.isTerminalAt(now);
        boolean filled = !now.isBefore(listing.filledFrom(call));
        CallTimeline timeline = call.timeline();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Sid", call.sid());
        fields.put("ParentCallSid", null);
        fields.put("DateCreated", ExotelTime.formatV1(timeline.created()));
        fields.put("DateUpdated", ExotelTime.formatV1(timeline.phaseStart(timeline.phaseAt(now))));
        fields.put("AccountSid", call.accountSid());
        fields.put("To", V1Terms.to(call));
        fields.put("From", V1Terms.from(call));
        fields.put("PhoneNumberSid", call.virtualNumber());
        fields.put("Status", V1Terms.status(call));
        fields.put("StartTime", ExotelTime.formatV1(timeline.started()));
        fields.put("EndTime", filled ? ExotelTime.formatV1(timeline.ended()) : null);
        fields.put("Duration", filled ? String.valueOf(call.totalDurationSeconds()) : null);
        fields.put("Price", filled ? price(call) : null);
        fields.put("Direction", V1Terms.direction(call));
        fields.put("AnsweredBy", SimulatedCall.COMPLETED.equals(call.status()) ? "human" : null);
        fields.put("RecordingUrl", terminal ? call.recordingUrl().orElse(null) : null);
        return fields;
    }

    private static String price(SimulatedCall call) {
        long startedMinutes = (call.timeline().talk().toSeconds() + 59) / 60;
        return String.format(Locale.ROOT, "%.3f", startedMinutes * PRICE_PER_MINUTE);
    }
}
