package io.calltracker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.calltracker.base.DatabaseAwayException;
import io.calltracker.base.Problem;
import io.calltracker.base.ProblemType;
import io.calltracker.base.Problems;
import io.calltracker.exotel.Sids;
import io.calltracker.intake.IntakeJson;
import io.calltracker.tracking.TrackedCallView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The operators' API over tracked calls. Thin: each method hands over to {@link AdminCalls} or
 * {@link AdminIntake}; every failure leaves as an RFC 7807 problem through the mappers below, which
 * apply to this resource only.
 */
@Path("/admin/calls")
@AdminEndpoint
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Look up, list, enqueue, re-poll and cancel calls; replay their completion events")
@SecurityScheme(securitySchemeName = "admin-token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the value of TRACKER_ADMIN_TOKEN")
@SecurityRequirement(name = "admin-token")
@APIResponse(responseCode = "400", description = "Invalid request, e.g. a malformed call SID",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or wrong bearer token",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Admin API disabled (no TRACKER_ADMIN_TOKEN) or database unavailable",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AdminCallsResource {

    private static final Logger LOG = Logger.getLogger(AdminCallsResource.class);
    private static final String CALL_SID = "Exotel call SID, " + Sids.CALL_SID_PATTERN + " (anything else: 400)";

    private final AdminCalls calls;
    private final AdminIntake intake;

    AdminCallsResource(AdminCalls calls, AdminIntake intake) {
        this.calls = calls;
        this.intake = intake;
    }

    @GET
    @Path("/{call_sid}")
    @Operation(summary = "Look up a call", description = "Tracking state, the final record (once finished) and the "
            + "completion event's delivery status.")
    @APIResponse(responseCode = "200", description = "The call", content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "404", description = "Call not tracked, or finished longer ago than tracker.retention.finished-calls.keep",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CallView call(@Parameter(description = CALL_SID) @PathParam("call_sid") String callSid) {
        return calls.view(callSid);
    }

    @GET
    @Operation(summary = "List calls by tracking state and age", description = "Oldest first (by first_seen_at).")
    @APIResponse(responseCode = "200", description = "The calls", content = @Content(schema = @Schema(implementation = CallList.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CallList list(
            @Parameter(schema = @Schema(enumeration = {"in_flight", "finished"}, defaultValue = "in_flight"))
            @QueryParam("state") String state,
            @Parameter(description = "only calls first seen at least this long ago: 90s, 10m, 4h …", example = "10m")
            @QueryParam("min_age") String minAge,
            @Parameter(description = "only this account's calls") @QueryParam("account_sid") String accountSid,
            // Read as text, so that "ten" is a 400 problem rather than JAX-RS's bare 404.
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + CallListQuery.MAX_LIMIT,
                    defaultValue = "" + CallListQuery.DEFAULT_LIMIT)) @QueryParam("limit") String limit) {
        List<TrackedCallView> found = calls.list(CallListQuery.of(state, minAge, accountSid, limit));
        return new CallList(found.size(), found);
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Start tracking calls", description = "Accepts what Kafka intake accepts, by the same rules: "
            + "{\"call_sid\", \"account_sid\"?, \"metadata\"?}, Exotel's v3 or v1 Make-Call response, or a plain SID "
            + "(text/plain). {\"calls\": [value, …]} enqueues up to " + AdminIntake.MAX_BATCH + " values; a string item "
            + "is a plain SID. A call already tracked is a duplicate and left as it is.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = {
                    @ExampleObject(name = "one call", value = "{\"call_sid\": \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", "
                            + "\"metadata\": {\"campaign\": \"diwali\"}}"),
                    @ExampleObject(name = "several calls", value = "{\"calls\": [{\"call_sid\": "
                            + "\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"}, \"1a2b3c4d5e6f708192a3b4c5d6e7f809\"]}")}),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                    example = "0f1e2d3c4b5a69788796a5b4c3d2e1f0")})
    @APIResponse(responseCode = "200", description = "No item rejected: each accepted or a duplicate",
            content = @Content(schema = @Schema(implementation = IntakeReport.class)))
    @APIResponse(responseCode = "207", description = "Some items rejected, the others stored: see results",
            content = @Content(schema = @Schema(implementation = IntakeReport.class)))
    @APIResponse(responseCode = "400", description = "Every item rejected (results says why), or a malformed calls list",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response enqueue(String body) {
        IntakeReport report = intake.enqueue(body);
        return Response.status(report.rejected() == 0 ? 200 : 207).entity(report).build();
    }

    @POST
    @Path("/{call_sid}/poll-now")
    @Operation(summary = "Poll an in-flight call now", description = "Makes the call due at once; the next claim "
            + "round (every tracker.claim-interval) polls it.")
    @APIResponse(responseCode = "202", description = "Due now", content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "404", description = "Call not tracked",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Call already finished",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<CallView> pollNow(@Parameter(description = CALL_SID) @PathParam("call_sid") String callSid) {
        return RestResponse.status(RestResponse.Status.ACCEPTED, calls.pollNow(callSid));
    }

    @POST
    @Path("/{call_sid}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop tracking a call", description = "Finishes an in-flight call with outcome cancelled: "
            + "its record and completion event are written in one transaction, as for any other outcome.")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or a malformed body",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Call not tracked",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Call already finished",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CallView cancel(@Parameter(description = CALL_SID) @PathParam("call_sid") String callSid, CancelRequest request) {
        return calls.cancel(callSid, request == null ? null : request.reason());
    }

    @POST
    @Path("/{call_sid}/replay-event")
    @Operation(summary = "Publish a call's completion event again", description = "The stored event (same event_id, "
            + "same bytes) is queued for the outbox relay once more; consumers deduplicate on event_id.")
    @APIResponse(responseCode = "202", description = "Queued: event.sent_at is set again once Kafka acknowledged it",
            content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "404", description = "Call not tracked (or its row past tracker.retention.finished-calls.keep),"
            + " still in flight (no event yet), or its sent event past tracker.retention.sent-events.keep",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<CallView> replayEvent(@Parameter(description = CALL_SID) @PathParam("call_sid") String callSid) {
        return RestResponse.status(RestResponse.Status.ACCEPTED, calls.replayEvent(callSid));
    }

    @POST
    @Path("/{call_sid}/recordings/archive")
    @Operation(summary = "Archive a finished call's recordings again", description = "Every recording of the call is "
            + "copied to the bucket again (same object keys, fresh links from Exotel's v3 API), and a new "
            + "call.recordings_archived event follows once all are settled. Also archives a call that finished while "
            + "archival was off.")
    @APIResponse(responseCode = "202", description = "Queued: how many recordings",
            content = @Content(schema = @Schema(implementation = RearchiveResult.class)))
    @APIResponse(responseCode = "404", description = "No record of the call (not tracked, or still in flight)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Recording archival is off",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RearchiveResult> rearchive(@Parameter(description = CALL_SID) @PathParam("call_sid") String callSid) {
        return RestResponse.status(RestResponse.Status.ACCEPTED, calls.rearchive(callSid));
    }

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return Problems.of(e.type, e.getMessage(), path(uri), e.results);
    }

    /** Framework refusals, e.g. a body that is not JSON at all. */
    @ServerExceptionMapper
    Response httpError(WebApplicationException e, UriInfo uri) {
        String detail = e.getCause() instanceof JsonProcessingException json ? IntakeJson.describe("JSON body", json) : e.getMessage();
        return Problems.plain(e.getResponse().getStatus(), detail, path(uri));
    }

    /** JSON of the wrong shape, e.g. an array where an object belongs. */
    @ServerExceptionMapper
    Response mismatchedBody(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName).filter(Objects::nonNull)
                .collect(Collectors.joining("."));
        return Problems.of(ProblemType.INVALID_REQUEST, field.isEmpty()
                ? "the request body must be a JSON object" : "field " + field + " has the wrong type", path(uri));
    }

    @ServerExceptionMapper
    Response databaseUnavailable(DatabaseAwayException e, UriInfo uri) {
        LOG.warnf("admin request %s failed, database unavailable: %s", path(uri), e.getMessage());
        return Problems.of(ProblemType.DATABASE_UNAVAILABLE,
                "the database did not answer; retry later", path(uri));
    }

    /** Anything else: logged here, never echoed (a message may carry data the client must not see). */
    @ServerExceptionMapper
    Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "admin request %s failed", path(uri));
        return Problems.of(ProblemType.INTERNAL_ERROR, "see the tracker's log", path(uri));
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
