package io.calltracker.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /admin/calls/{call_sid}/cancel}. */
@Schema(name = "CancelRequest")
public record CancelRequest(
        @Schema(required = true, maxLength = AdminCalls.MAX_REASON_LENGTH,
                description = "who cancelled and why; becomes outcome_reason of the record and the event",
                example = "ops: test call placed by mistake (TICKET-123)")
        String reason) {
}
