package io.exotelsim;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The simulated Exotel v3 endpoints, at the root as on Exotel's host: the base URL is the simulator's own. */
@Path("/v3/accounts/{account_sid}/calls/{call_sid}")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedExotelResource {

    private final CallSimulator simulator;

    SimulatedExotelResource(CallSimulator simulator) {
        this.simulator = simulator;
    }

    @GET
    public Uni<Response> callDetails(@PathParam("account_sid") String accountSid,
            @PathParam("call_sid") String callSid,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return ExotelHttpReplies.send(simulator.callDetails(accountSid, callSid, authorization));
    }

    @GET
    @Path("/legs")
    public Uni<Response> legs(@PathParam("account_sid") String accountSid,
            @PathParam("call_sid") String callSid,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return ExotelHttpReplies.send(simulator.legs(accountSid, callSid, authorization));
    }
}
