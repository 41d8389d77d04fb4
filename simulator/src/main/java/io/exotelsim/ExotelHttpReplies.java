package io.exotelsim;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** Puts an {@link ExotelReply} on the wire for the simulated vendor endpoints of both API generations. */
final class ExotelHttpReplies {

    private ExotelHttpReplies() {
    }

    /**
     * Non-blocking, so that injected latency holds back a timer rather than a worker thread while a
     * benchmark sends thousands of requests a second.
     */
    static Uni<Response> send(ExotelReply reply) {
        Uni<Response> response = Uni.createFrom().item(toResponse(reply));
        return reply.delay().isZero() ? response : response.onItem().delayIt().by(reply.delay());
    }

    /** Bytes, not a String, so that a scripted non-JSON body goes out verbatim whatever the JSON provider. */
    private static Response toResponse(ExotelReply reply) {
        Response.ResponseBuilder response = Response.status(reply.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(reply.body().getBytes(StandardCharsets.UTF_8));
        if (reply.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, reply.retryAfterSeconds());
        }
        return response.build();
    }
}
