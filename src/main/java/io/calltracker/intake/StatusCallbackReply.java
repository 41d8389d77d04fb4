package io.calltracker.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a status callback; Exotel ignores it, an operator trying the URL by hand sees what happened. */
@Schema(name = "StatusCallbackReply")
public record StatusCallbackReply(
        @Schema(enumeration = {"due_now", "started", "ended", "duplicate", "already_finished"},
                description = "due_now: a tracked call is polled now; started: a call first heard of here is "
                        + "tracked (polled now, or once it can be processed); ended: the call ended too recently to be "
                        + "processed and is looked at once it can be; duplicate: a copy of a callback already acted on; "
                        + "already_finished: nothing to do")
        String result) {
}
