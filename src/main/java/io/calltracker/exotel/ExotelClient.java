package io.calltracker.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** The one adapter between the tracker and Exotel's HTTP API. */
@ApplicationScoped
public class ExotelClient {

    private final ExotelV3Api v3;
    private final String authorization;
    private final CallDetailsReplies replies;
    private final MeterRegistry meters;
    private final Clock clock;

    public ExotelClient(ExotelConfig config, ObjectMapper mapper, MeterRegistry meters) {
        this.v3 = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.effectiveBaseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Error statuses are answers to classify, not exceptions.
                .disableDefaultMapper(true)
                .build(ExotelV3Api.class);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.apiKey() + ":" + config.apiToken()).getBytes(StandardCharsets.UTF_8));
        this.replies = new CallDetailsReplies(mapper);
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /** GET the call's details. Never throws for transport or server faults: they become {@link PollResult.Unavailable}. */
    public PollResult fetchCallDetails(String accountSid, String callSid) {
        if (!Sids.isAccountSid(accountSid) || !Sids.isCallSid(callSid)) {
            throw new IllegalArgumentException("refusing to build a request path from a malformed SID");
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try (Response response = v3.callDetails(accountSid, callSid, authorization)) {
            outcome = Integer.toString(response.getStatus());
            return replies.classify(response.getStatus(), response.readEntity(String.class),
                    response.getHeaderString("Retry-After"), clock.instant());
        } catch (ProcessingException e) {
            outcome = "io_error";
            return new PollResult.Unavailable("request failed: " + rootCauseName(e), null);
        } finally {
            sample.stop(meters.timer("exotel.api.requests", "endpoint", "call_details", "account", accountSid, "status", outcome));
        }
    }

    private static String rootCauseName(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
