package io.calltracker.base;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/** An RFC 7807 problem details body ({@code application/problem+json}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 7807 problem details")
public record Problem(
        @Schema(description = "urn:exotel-call-tracker:problem:<kind>, or about:blank for plain HTTP errors",
                example = "urn:exotel-call-tracker:problem:call-not-found")
        URI type,
        @Schema(example = "Call not tracked") String title,
        @Schema(example = "404") int status,
        @Schema(example = "no tracked call has SID 0f1e2d3c4b5a69788796a5b4c3d2e1f0") String detail,
        @Schema(description = "the request path", example = "/admin/calls/0f1e2d3c4b5a69788796a5b4c3d2e1f0") String instance,
        @Schema(description = "enqueue requests only: the outcome of every item (IntakeResult)")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<?> results) {
}
