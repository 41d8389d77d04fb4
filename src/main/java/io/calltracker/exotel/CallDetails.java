package io.calltracker.exotel;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code response.call_details} of the v3 Call Details API. Every field may be null while the call
 * is active; status is a plain string because Exotel may add statuses.
 * <p>
 * Read with {@link #read(JsonNode)}, which keeps what can be kept: a field of the wrong type, an
 * unparseable time or a negative count becomes null and a line in {@code notes}, so one odd field never
 * makes the whole record unstorable (the raw reply still holds what Exotel sent). Unknown fields and
 * unknown status values are data, not errors. Times held here always parse.
 */
public record CallDetails(
        String sid,
        String direction,
        String virtualNumber,
        String state,
        String status,
        String legs,
        String createdTime,
        String updatedTime,
        String startTime,
        String endTime,
        Integer totalDuration,
        Integer totalTalkTime,
        String customField,
        String appId,
        String appName,
        String digits,
        List<Recording> recordings,
        List<String> notes) {

    /** Details as Exotel documents them, with nothing left out (tests, the simulator's own checks). */
    public CallDetails(String sid, String direction, String virtualNumber, String state, String status, String legs,
                       String createdTime, String updatedTime, String startTime, String endTime, Integer totalDuration,
                       Integer totalTalkTime, String customField, String appId, String appName, String digits,
                       List<Recording> recordings) {
        this(sid, direction, virtualNumber, state, status, legs, createdTime, updatedTime, startTime, endTime,
                totalDuration, totalTalkTime, customField, appId, appName, digits, recordings, List.of());
    }

    /** Reads a {@code call_details} object; never throws. */
    public static CallDetails read(JsonNode node) {
        Fields fields = new Fields(node);
        return new CallDetails(fields.text("sid"), fields.text("direction"), fields.text("virtual_number"),
                fields.text("state"), fields.text("status"), fields.text("legs"), fields.time("created_time"),
                fields.time("updated_time"), fields.time("start_time"), fields.time("end_time"),
                fields.count("total_duration"), fields.count("total_talk_time"), fields.text("custom_field"),
                fields.text("app_id"), fields.text("app_name"), fields.text("digits"), fields.recordings(),
                List.copyOf(fields.notes));
    }

    public boolean isTerminal() {
        return "terminal".equalsIgnoreCase(state);
    }

    public OffsetDateTime created() {
        return ExotelTime.parse(createdTime);
    }

    public OffsetDateTime updated() {
        return ExotelTime.parse(updatedTime);
    }

    public OffsetDateTime started() {
        return ExotelTime.parse(startTime);
    }

    /** Null while the call has not ended (the 1970 sentinel). */
    public OffsetDateTime ended() {
        return ExotelTime.parse(endTime);
    }

    public List<Recording> recordingsOrEmpty() {
        return recordings == null ? List.of() : recordings;
    }

    public record Recording(String url) {
        /** Pre-signed URLs are credentials: keep them out of logs and exception messages. */
        @Override
        public String toString() {
            return "Recording[url=<redacted>]";
        }
    }

    /** The fields of one call_details object, and a note for every value that had to be left out. */
    private static final class Fields {
        private final JsonNode node;
        private final List<String> notes = new ArrayList<>();

        Fields(JsonNode node) {
            this.node = node;
        }

        /** Text as sent; a number or boolean in its JSON spelling; an object or array is left out. */
        String text(String name) {
            JsonNode value = node.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (value.isValueNode()) {
                return value.asText();
            }
            notes.add(name + ": " + value.getNodeType().name().toLowerCase() + " where text was expected");
            return null;
        }

        /** A time that {@link ExotelTime} parses and a database can hold (years 1 to 9999), else left out. */
        String time(String name) {
            String text = text(name);
            if (ExotelTime.storable(text)) {
                return text;
            }
            notes.add(name + ": not a time");
            return null;
        }

        /** A whole number of seconds from 0 to 2^31-1, as a JSON number or a numeric string; else left out. */
        Integer count(String name) {
            JsonNode value = node.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            Integer count = null;
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                count = value.intValue();
            } else if (value.isTextual() && value.textValue().trim().matches("\\d{1,10}")) {
                long parsed = Long.parseLong(value.textValue().trim());
                count = parsed <= Integer.MAX_VALUE ? (int) parsed : null;
            }
            if (count == null || count < 0) {
                notes.add(name + ": not a count of seconds");
                return null;
            }
            return count;
        }

        /** Recordings with a text url; anything else in the list is left out. */
        List<Recording> recordings() {
            JsonNode value = node.path("recordings");
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                notes.add("recordings: not a list");
                return List.of();
            }
            List<Recording> recordings = new ArrayList<>(value.size());
            for (JsonNode recording : value) {
                JsonNode url = recording.path("url");
                if (url.isTextual()) {
                    recordings.add(new Recording(url.textValue()));
                } else {
                    notes.add("recordings: an entry without a text url");
                }
            }
            return recordings;
        }
    }
}
