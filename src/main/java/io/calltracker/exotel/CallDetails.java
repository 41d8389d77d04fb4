package io.calltracker.exotel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code response.call_details} of the v3 Call Details API. Every field may be null while the call
 * is active; status is a plain string because Exotel may add statuses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
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
        List<Recording> recordings) {

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

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recording(String url) {
        /** Pre-signed URLs are credentials: keep them out of logs and exception messages. */
        @Override
        public String toString() {
            return "Recording[url=<redacted>]";
        }
    }
}
