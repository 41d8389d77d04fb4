package io.calltracker.exotel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The part of a v1 Bulk Call Details page the sweep reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record V1Calls(@JsonProperty("Calls") List<Call> calls) {

    /**
     * One ended call. v1 fills {@code EndTime} and {@code Duration} asynchronously, once Exotel has
     * processed the call: until then the call has ended but its record may not be final.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Call(@JsonProperty("Sid") String sid,
                       @JsonProperty("Status") String status,
                       @JsonProperty("EndTime") String endTime,
                       @JsonProperty("Duration") String duration) {

        public boolean processed() {
            return present(endTime) || present(duration);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }
}
