package io.calltracker.base;

import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** Builds problem responses, the only form of error of the tracker's HTTP API (admin API, status callbacks). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final URI BLANK = URI.create("about:blank");

    private Problems() {
    }

    public static Response of(ProblemType type, String detail, String path) {
        return of(type, detail, path, null);
    }

    /** @param results per-item outcomes of a batch request, or null */
    public static Response of(ProblemType type, String detail, String path, List<?> results) {
        return build(new Problem(type.uri(), type.title(), type.status(), detail, path, results));
    }

    /** An HTTP error with no meaning beyond its status code (RFC 7807 about:blank: title = reason phrase). */
    public static Response plain(int status, String detail, String path) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return build(new Problem(BLANK, title, status, detail, path, null));
    }

    private static Response build(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
