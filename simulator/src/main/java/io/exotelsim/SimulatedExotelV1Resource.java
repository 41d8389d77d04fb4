package io.exotelsim;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The simulated Exotel v1 Bulk Call Details endpoint, at the root as on Exotel's host. */
@Path("/v1/Accounts/{account_sid}/Calls.json")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedExotelV1Resource {

    private final CallSimulator simulator;

    SimulatedExotelV1Resource(CallSimulator simulator) {
        this.simulator = simulator;
    }

    /** @param sids comma-separated call SIDs, at most 100 */
    @GET
    public Uni<Response> calls(@PathParam("account_sid") String accountSid,
            @QueryParam("Sid") String sids,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return ExotelHttpReplies.send(simulator.bulkCallDetails(accountSid, sids, authorization));
    }
}
