package io.calltracker.exotel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Exotel v3 (ccm) endpoints. Bodies are read as text so that bad JSON is ours to classify. */
@Path("/v3/accounts/{accountSid}/calls")
public interface ExotelV3Api {

    @GET
    @Path("/{callSid}")
    @Produces(MediaType.APPLICATION_JSON)
    Response callDetails(@PathParam("accountSid") String accountSid,
                                     @PathParam("callSid") String callSid,
                                     @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{callSid}/legs")
    @Produces(MediaType.APPLICATION_JSON)
    Response callLegs(@PathParam("accountSid") String accountSid,
                      @PathParam("callSid") String callSid,
                      @HeaderParam("Authorization") String authorization);
}
