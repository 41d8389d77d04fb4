package io.calltracker.exotel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** {@code response.leg_details} of the v3 Call Legs API: the agent and customer legs of a call. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallLegs(List<Leg> from, List<Leg> to) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Leg(String sid, String name, String contactUri, String dateCreated, String dateUpdated, String status,
                      String groupId, String groupName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Response(Body response) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Body(CallLegs legDetails) {
        }
    }

    public List<Leg> fromOrEmpty() {
        return from == null ? List.of() : from;
    }

    public List<Leg> toOrEmpty() {
        return to == null ? List.of() : to;
    }
}
