package io.calltracker.simulator;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** The simulated Exotel v3 Call Details endpoint, under {@code /simulator} on the application's port. */
@Path("/simulator/v3/accounts/{account_sid}/calls")
@SimulatorEndpoint
public class SimulatedExotelResource {

    private final CallSimulator simulator;

    SimulatedExotelResource(CallSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Non-blocking, so that injected latency holds back a timer rather than a worker thread while a
     * benchmark sends thousands of requests a second.
     */
    @GET
    @Path("/{call_sid}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> callDetails(@PathParam("account_sid") String accountSid,
            @PathParam("call_sid") String callSid,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ExotelReply reply = simulator.callDetails(accountSid, callSid, authorization);
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
