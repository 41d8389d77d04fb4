package io.calltracker.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.calltracker.tracking.TrackedCallView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer to {@code GET /admin/calls}: oldest first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "CallList")
public record CallList(int count, List<TrackedCallView> calls) {
}
