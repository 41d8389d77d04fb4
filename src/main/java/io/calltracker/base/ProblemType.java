package io.calltracker.base;

import java.net.URI;
import java.util.Locale;

/** The HTTP API's kinds of failure; a client tells them apart by the problem's {@code type}. */
public enum ProblemType {
    INVALID_REQUEST(400, "Invalid request"),
    INTAKE_REJECTED(400, "No call could be tracked"),
    UNAUTHORIZED(401, "Admin token required"),
    CALL_NOT_FOUND(404, "Call not tracked"),
    EVENT_NOT_FOUND(404, "Call has no completion event"),
    CALL_FINISHED(409, "Call already finished"),
    ARCHIVE_DISABLED(409, "Recording archival is off"),
    INTERNAL_ERROR(500, "Internal error"),
    DATABASE_UNAVAILABLE(503, "Database unavailable"),
    ADMIN_DISABLED(503, "Admin API disabled");

    private static final String PREFIX = "urn:exotel-call-tracker:problem:";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** e.g. {@code urn:exotel-call-tracker:problem:call-not-found} */
    public URI uri() {
        return URI.create(PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
