package io.calltracker.exotel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** Exotel v3 (ccm) endpoints. Bodies are read as text so that bad JSON is ours to classify. */
@Path("/v3/accounts/{accountSid}/calls")
public interface ExotelV3Api {

    @GET
    @Path("/{callSid}")
    @Produces(MediaType.APPLICATION_JSON)
    RestResponse<String> callDetails(@PathParam("accountSid") String accountSid,
                                     @PathParam("callSid") String callSid,
                                     @HeaderParam("Authorization") String authorization);
}
