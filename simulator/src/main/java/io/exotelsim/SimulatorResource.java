package io.exotelsim;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The simulator's control API for tests, demos and benchmarks: no auth (never expose it where Exotel is expected to be real). */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    private final CallSimulator simulator;

    SimulatorResource(CallSimulator simulator) {
        this.simulator = simulator;
    }

    @POST
    @Path("/calls")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<RegisteredCall> register(SimulatedCallSpec spec) {
        return RestResponse.status(RestResponse.Status.CREATED, simulator.register(spec));
    }

    @POST
    @Path("/calls/random")
    public RestResponse<List<String>> registerRandom(@QueryParam("account_sid") String accountSid,
            @QueryParam("count") @DefaultValue("1") int count) {
        return RestResponse.status(RestResponse.Status.CREATED, simulator.registerRandom(accountSid, count));
    }

    /** The call as registered, with when it ends and turns terminal: 404 for a SID never registered. */
    @GET
    @Path("/calls/{sid}")
    public RestResponse<RegisteredCall> call(@PathParam("sid") String sid) {
        return simulator.call(sid)
                .map(RestResponse::ok)
                .orElseGet(() -> RestResponse.status(RestResponse.Status.NOT_FOUND));
    }

    /** The call's served recordings: size, SHA-256 and downloads of each; 404 when its recordings are not served. */
    @GET
    @Path("/calls/{sid}/recordings")
    public RestResponse<List<RecordingFiles.Description>> recordings(@PathParam("sid") String sid) {
        return simulator.recordings(sid)
                .map(RestResponse::ok)
                .orElseGet(() -> RestResponse.status(RestResponse.Status.NOT_FOUND));
    }

    @POST
    @Path("/calls/{sid}/script")
    @Consumes(MediaType.APPLICATION_JSON)
    public void script(@PathParam("sid") String sid, List<ScriptedReply> replies) {
        simulator.script(sid, replies);
    }

    /** Replies for the next v3 Call Legs requests about {@code sid}, after any already queued. */
    @POST
    @Path("/calls/{sid}/legs-script")
    @Consumes(MediaType.APPLICATION_JSON)
    public void scriptLegs(@PathParam("sid") String sid, List<ScriptedReply> replies) {
        simulator.scriptLegs(sid, replies);
    }

    @DELETE
    @Path("/calls")
    public void reset() {
        simulator.reset();
    }

    @GET
    @Path("/faults")
    public Faults faults() {
        return simulator.faults();
    }

    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Faults setFaults(FaultsUpdate update) {
        return simulator.setFaults(update);
    }

    /** What v1 Bulk Call Details shows of a call: the model in force and its lag. */
    @GET
    @Path("/v1-model")
    public V1Listing v1Model() {
        return simulator.v1Model();
    }

    /** Switches the v1 model while calls play ({@code {"model":"endtime-at-end","max_lag_ms":2000}}). */
    @PUT
    @Path("/v1-model")
    @Consumes(MediaType.APPLICATION_JSON)
    public V1Listing setV1Model(V1ModelSetting.Update update) {
        return simulator.setV1Model(update);
    }

    /** How status callbacks are pushed ({@link CallbackModel}). */
    @GET
    @Path("/callbacks")
    public CallbackModel callbackModel() {
        return simulator.callbackModel();
    }

    /** Replaces the callback model; fields left out take their defaults. */
    @PUT
    @Path("/callbacks")
    @Consumes(MediaType.APPLICATION_JSON)
    public CallbackModel setCallbackModel(CallbackModel model) {
        return simulator.setCallbackModel(model);
    }

    @GET
    @Path("/stats")
    public SimulatorStats stats() {
        return simulator.stats();
    }

    @ServerExceptionMapper
    RestResponse<Map<String, String>> invalidRequest(IllegalArgumentException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<Map<String, String>> duplicateCall(DuplicateCallException e) {
        return RestResponse.status(RestResponse.Status.CONFLICT, Map.of("error", e.getMessage()));
    }
}
