package io.calltracker.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a status callback; Exotel ignores it, an operator trying the URL by hand sees what happened. */
@Schema(name = "StatusCallbackReply")
public record StatusCallbackReply(
        @Schema(enumeration = {"due_now", "started", "already_finished"},
                description = "due_now: a tracked call is polled now; started: a call first heard of here is "
                        + "tracked and polled now; already_finished: nothing to do")
        String result) {
}
