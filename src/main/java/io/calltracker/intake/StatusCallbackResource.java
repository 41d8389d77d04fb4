package io.calltracker.intake;

import io.calltracker.base.DatabaseAwayException;
import io.calltracker.base.Problem;
import io.calltracker.base.ProblemType;
import io.calltracker.base.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where Exotel POSTs a call's status when it ends. The callback only makes the call due now (see
 * {@link StatusCallbackHints}); {@link StatusCallbackTokenFilter} has checked the token before. The
 * request path holds that token, so nothing here logs or returns it: problems name the path template.
 */
@Path(StatusCallbackResource.PATH)
@StatusCallbackEndpoint
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "exotel", description = "Exotel's status callbacks: a hint to poll a call now")
@APIResponse(responseCode = "200", description = "Acted on",
        content = @Content(schema = @Schema(implementation = StatusCallbackReply.class)))
@APIResponse(responseCode = "404", description = "Wrong token, or callbacks disabled (no TRACKER_STATUS_CALLBACK_TOKEN)")
@APIResponse(responseCode = "400", description = "No CallSid, or one the tracker may not track (intake's rules)",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Database unavailable; polling still finds the call once it is tracked",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StatusCallbackResource {

    static final String PATH = "/exotel/status-callback/{token}";
    private static final Logger LOG = Logger.getLogger(StatusCallbackResource.class);
    private static final String TOKEN = "the value of TRACKER_STATUS_CALLBACK_TOKEN";
    // The form and the JSON method are one operation in OpenAPI (same path and verb), so they say the same.
    private static final String SUMMARY = "Exotel's status callback: poll the call now";
    private static final String DESCRIPTION = "Makes the call due now: a tracked call is polled at the next claim "
            + "round, a call not tracked yet is tracked (account: AccountSid if given, else "
            + "tracker.status-callback.account-sid, else the default account). When EndTime says the call ended too "
            + "recently to be processed (the account's learned post-processing delay), it is marked ended and looked at "
            + "once it can be (ended) instead. A copy of a callback already acted on changes nothing (duplicate). "
            + "Body: a form (multipart or urlencoded, Exotel's default) or JSON, v1 field names; only CallSid, "
            + "AccountSid and EndTime are read, the body is never taken as the record.";

    private final StatusCallbackParser parser;
    private final StatusCallbackHints hints;
    private final StatusCallbackCounter counter;

    StatusCallbackResource(StatusCallbackParser parser, StatusCallbackHints hints, StatusCallbackCounter counter) {
        this.parser = parser;
        this.hints = hints;
        this.counter = counter;
    }

    @POST
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    @Parameter(name = StatusCallbackTokenFilter.TOKEN, in = ParameterIn.PATH, required = true, description = TOKEN)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public StatusCallbackReply form(@RestForm("CallSid") String callSid, @RestForm("AccountSid") String accountSid,
                                    @RestForm("EndTime") String endTime) {
        return hint(parser.form(callSid, accountSid, endTime));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Parameter(name = StatusCallbackTokenFilter.TOKEN, in = ParameterIn.PATH, required = true, description = TOKEN)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT),
            example = "{\"CallSid\": \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", \"Status\": \"completed\", "
                    + "\"RecordingUrl\": null, \"DateUpdated\": \"2022-11-03 22:56:04\", \"EndTime\": \"2022-11-03 22:56:04\"}"))
    public StatusCallbackReply json(String body) {
        return hint(parser.json(body));
    }

    private StatusCallbackReply hint(StatusCallback callback) {
        String result = hints.hint(callback).wireName();
        counter.count(result);
        return new StatusCallbackReply(result);
    }

    @ServerExceptionMapper
    Response rejected(RejectedIntakeException e) {
        LOG.warnf("status callback rejected: %s", e.getMessage());
        counter.count(StatusCallbackCounter.REJECTED);
        return Problems.of(ProblemType.INVALID_REQUEST, e.getMessage(), PATH);
    }

    @ServerExceptionMapper
    Response databaseUnavailable(DatabaseAwayException e) {
        LOG.warnf("status callback not acted on, database unavailable: %s", e.getMessage());
        return Problems.of(ProblemType.DATABASE_UNAVAILABLE, "the database did not answer; retry later", PATH);
    }

    /** Framework refusals (e.g. an unreadable multipart body) keep their status and say no more. */
    @ServerExceptionMapper
    Response httpError(WebApplicationException e) {
        return Problems.plain(e.getResponse().getStatus(), "the request was refused", PATH);
    }

    /** Anything else is mapped here, so that Quarkus' default handler never logs the request path (the token). */
    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        LOG.error("status callback failed", e);
        return Problems.of(ProblemType.INTERNAL_ERROR, "see the tracker's log", PATH);
    }
}
