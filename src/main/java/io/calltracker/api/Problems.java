package io.calltracker.api;

import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Builds problem responses, the only form of error of the tracker's HTTP API (admin API, status callbacks). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final URI BLANK = URI.create("about:blank");

    private Problems() {
    }

    static Response response(ProblemException e, String path) {
        return build(new Problem(e.type.uri(), e.type.title, e.type.status, e.getMessage(), path, e.results));
    }

    /** For endpoints outside this package, which report their failures with the same kinds. */
    public static Response of(ProblemType type, String detail, String path) {
        return response(new ProblemException(type, detail), path);
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
