package io.calltracker.exotel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The v3 envelope: {@code {request_id, method, http_code, response{code, status, call_details}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallDetailsResponse(String requestId, Integer httpCode, Body response) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Body(Integer code, String status, CallDetails callDetails) {
    }

    public CallDetails callDetails() {
        return response == null ? null : response.callDetails();
    }
}
