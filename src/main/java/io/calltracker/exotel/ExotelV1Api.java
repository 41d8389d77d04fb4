package io.calltracker.exotel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Exotel v1: Bulk Call Details, used only as a cheap "which of these calls have ended?" probe. */
@Path("/v1/Accounts/{accountSid}/Calls.json")
public interface ExotelV1Api {

    /** @param sids up to 100 comma-separated call SIDs; ongoing calls are left out of the answer */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response calls(@PathParam("accountSid") String accountSid,
                   @QueryParam("Sid") String sids,
                   @QueryParam("PageSize") int pageSize,
                   @HeaderParam("Authorization") String authorization);
}
