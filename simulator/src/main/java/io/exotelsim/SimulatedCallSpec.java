package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;

/**
 * What a test or demo asks the simulator to play: the body of {@code POST /simulator/calls}. Only
 * {@code account_sid} is required; {@link SimulatedCall#from} fills in the rest. Any status string is
 * accepted, because the tracker must treat statuses it does not know as data. With a
 * {@code status_callback_url}, the simulator POSTs the call's status there once it is terminal.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulatedCallSpec(
        String sid,
        String accountSid,
        String status,
        String direction,
        String virtualNumber,
        Long ringMs,
        Long talkMs,
        Long postProcessingMs,
        Long invisibleMs,
        String digits,
        String customField,
        String appId,
        String appName,
        Integer recordings,
        String statusCallbackUrl,
        String statusCallbackContentType,
        ServedRecordings servedRecordings) {

    public static Builder forAccount(String accountSid) {
        return new Builder(accountSid);
    }

    /** Fluent construction for Java callers; unset fields keep the simulator's defaults. */
    public static final class Builder {
        private final String accountSid;
        private String sid;
        private String status;
        private String direction;
        private String virtualNumber;
        private Long ringMs;
        private Long talkMs;
        private Long postProcessingMs;
        private Long invisibleMs;
        private String digits;
        private String customField;
        private String appId;
        private String appName;
        private Integer recordings;
        private String statusCallbackUrl;
        private String statusCallbackContentType;
        private ServedRecordings servedRecordings;

        private Builder(String accountSid) {
            this.accountSid = accountSid;
        }

        public Builder sid(String sid) {
            this.sid = sid;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder direction(String direction) {
            this.direction = direction;
            return this;
        }

        public Builder virtualNumber(String virtualNumber) {
            this.virtualNumber = virtualNumber;
            return this;
        }

        public Builder ring(Duration ring) {
            this.ringMs = ring.toMillis();
            return this;
        }

        public Builder talk(Duration talk) {
            this.talkMs = talk.toMillis();
            return this;
        }

        public Builder postProcessing(Duration postProcessing) {
            this.postProcessingMs = postProcessing.toMillis();
            return this;
        }

        public Builder invisible(Duration invisible) {
            this.invisibleMs = invisible.toMillis();
            return this;
        }

        public Builder digits(String digits) {
            this.digits = digits;
            return this;
        }

        public Builder customField(String customField) {
            this.customField = customField;
            return this;
        }

        public Builder app(String appId, String appName) {
            this.appId = appId;
            this.appName = appName;
            return this;
        }

        public Builder recordings(int recordings) {
            this.recordings = recordings;
            return this;
        }

        /** @param contentType {@code multipart/form-data} (null means this default) or {@code application/json} */
        public Builder statusCallback(String url, String contentType) {
            this.statusCallbackUrl = url;
            this.statusCallbackContentType = contentType;
            return this;
        }

        /** Serves the recordings' bytes behind expiring links (see {@link ServedRecordings}). */
        public Builder servedRecordings(ServedRecordings servedRecordings) {
            this.servedRecordings = servedRecordings;
            return this;
        }

        public SimulatedCallSpec build() {
            return new SimulatedCallSpec(sid, accountSid, status, direction, virtualNumber, ringMs, talkMs,
                    postProcessingMs, invisibleMs, digits, customField, appId, appName, recordings,
                    statusCallbackUrl, statusCallbackContentType, servedRecordings);
        }
    }
}
