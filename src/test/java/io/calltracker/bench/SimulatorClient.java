package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** The simulator's control API ({@code /simulator/calls}, {@code /faults}, {@code /stats}) over plain HTTP. */
final class SimulatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Registers a call without waiting; completes with the moment the v3 API will first show it terminal. */
    CompletableFuture<Instant> registerAsync(Map<String, Object> body) {
        return http.sendAsync(request("/simulator/calls").POST(json(body)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("simulator answered " + response.statusCode() + ": " + response.body());
                    }
                    try {
                        return Instant.parse(JSON.readTree(response.body()).path("terminal_at").asText());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Registers many calls, {@code concurrency} requests at a time. */
    void registerAll(List<Map<String, Object>> bodies, int concurrency) {
        Semaphore permits = new Semaphore(concurrency);
        CompletableFuture<?>[] all = new CompletableFuture<?>[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            permits.acquireUninterruptibly();
            all[i] = http.sendAsync(request("/simulator/calls").POST(json(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> permits.release())
                    .thenAccept(response -> {
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("simulator answered " + response.statusCode() + " to a registration");
                        }
                    });
        }
        CompletableFuture.allOf(all).join();
    }

    /** Forgets calls, statistics and rate-limit windows. */
    void reset() {
        send(request("/simulator/calls").DELETE(), 204);
    }

    /** Per account per sliding minute; 0 = unlimited. */
    void rateLimit(int perMinute) {
        send(request("/simulator/faults").PUT(json(Map.of("rate_limit_per_minute", perMinute))), 200);
    }

    /** What v1 Bulk Call Details shows of a call ({@code PUT /simulator/v1-model}); the lag is run time. */
    void v1Model(String model, Duration maxLag) {
        send(request("/simulator/v1-model").PUT(json(Map.of("model", model, "max_lag_ms", maxLag.toMillis()))), 200);
    }

    /** {@code PUT /simulator/callbacks}: the status callback model for calls registered from now on. */
    void callbacks(Map<String, Object> model) {
        send(request("/simulator/callbacks").PUT(json(model)), 200);
    }

    JsonNode stats() {
        return send(request("/simulator/stats").GET(), 200);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected && response.statusCode() / 100 != 2) {
                throw new IllegalStateException("simulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
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
