package io.calltracker.testing.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The tests' handle on the Exotel simulator process ({@link SharedSimulator}): its control API
 * ({@code /simulator/...}) over HTTP. A bean, so @QuarkusTest classes inject it; it holds no state.
 */
@Singleton
public class CallSimulator {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The simulator's base URL: Exotel's API at its root, the control API under {@code /simulator}. */
    public String baseUrl() {
        return SharedSimulator.baseUrl();
    }

    /** Starts playing a call now ({@code POST /simulator/calls}). */
    public void register(SimulatedCallSpec spec) {
        send(request("/simulator/calls").POST(json(spec)), 201);
    }

    /** Queues replies for the next v3 Call Details requests about {@code callSid}, after any already queued. */
    public void script(String callSid, List<ScriptedReply> replies) {
        send(request("/simulator/calls/" + callSid + "/script").POST(json(replies)), 204);
    }

    /** Queues replies for the next v3 Call Legs requests about {@code callSid}, after any already queued. */
    public void scriptLegs(String callSid, List<ScriptedReply> replies) {
        send(request("/simulator/calls/" + callSid + "/legs-script").POST(json(replies)), 204);
    }

    /** {@code PUT /simulator/faults}: the fields given change, the others stay. */
    public void faults(String json) {
        send(request("/simulator/faults").PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    /** {@code PUT /simulator/v1-model}: what v1 Bulk Call Details shows of a call ({@code {"model": "endtime-at-end"}}). */
    public void v1Model(String json) {
        send(request("/simulator/v1-model").PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    /** {@code PUT /simulator/callbacks}: the callback model (moment, share, lost, duplicated, delay); fields left out take their defaults. */
    public void callbacks(String json) {
        send(request("/simulator/callbacks").PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    public SimulatorStats stats() {
        try {
            return JSON.readValue(send(request("/simulator/stats").GET(), 200), SimulatorStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A served recording as the simulator describes it: its size, SHA-256 and how often it was downloaded or refused. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecordingFile(int index, long bytes, String sha256, String contentType, long downloads, long refused) {
    }

    /** {@code GET /simulator/calls/{sid}/recordings}: the call's served recordings. */
    public List<RecordingFile> recordings(String callSid) {
        try {
            return JSON.readValue(send(request("/simulator/calls/" + callSid + "/recordings").GET(), 200),
                    JSON.getTypeFactory().constructCollectionType(List.class, RecordingFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets calls, scripts, statistics and rate-limit windows; the faults stay as they are. */
    public void reset() {
        send(request("/simulator/calls").DELETE(), 204);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
    }

    private static String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("simulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
