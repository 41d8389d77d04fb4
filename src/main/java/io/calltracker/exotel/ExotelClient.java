package io.calltracker.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The one adapter between the tracker and Exotel's HTTP API. */
@ApplicationScoped
public class ExotelClient {

    private final Map<String, ExotelV3Api> v3ByBaseUrl = new ConcurrentHashMap<>();
    private final ExotelConfig config;
    private final CallDetailsReplies replies;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public ExotelClient(ExotelConfig config, ObjectMapper mapper, MeterRegistry meters) {
        this.config = config;
        this.replies = new CallDetailsReplies(mapper);
        this.mapper = mapper;
        this.meters = meters;
    }

    /** GET the call's details. Never throws for transport or server faults: they become {@link PollResult.Unavailable}. */
    public PollResult fetchCallDetails(Account account, String callSid) {
        String accountSid = account.sid();
        if (!Sids.isAccountSid(accountSid) || !Sids.isCallSid(callSid)) {
            throw new IllegalArgumentException("refusing to build a request path from a malformed SID");
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try (Response response = v3(account.baseUrl()).callDetails(accountSid, callSid, account.authorization())) {
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

    /**
     * GET the call's legs. The path is built from the validated SIDs, never taken from the {@code legs}
     * field of the response, so Exotel's data cannot steer our requests.
     */
    public LegsResult fetchLegs(Account account, String callSid) {
        if (!Sids.isAccountSid(account.sid()) || !Sids.isCallSid(callSid)) {
            throw new IllegalArgumentException("refusing to build a request path from a malformed SID");
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try (Response response = v3(account.baseUrl()).callLegs(account.sid(), callSid, account.authorization())) {
            outcome = Integer.toString(response.getStatus());
            if (response.getStatus() != 200) {
                return new LegsResult.Unavailable("unavailable: HTTP " + response.getStatus());
            }
            CallLegs.Response body = mapper.readValue(response.readEntity(String.class), CallLegs.Response.class);
            return body == null || body.response() == null || body.response().legDetails() == null
                    ? new LegsResult.Unavailable("unavailable: no leg_details")
                    : new LegsResult.Fetched(body.response().legDetails());
        } catch (ProcessingException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return new LegsResult.Unavailable("unavailable: " + rootCauseName(e));
        } finally {
            sample.stop(meters.timer("exotel.api.requests", "endpoint", "call_legs", "account", account.sid(), "status", outcome));
        }
    }

    private ExotelV3Api v3(String baseUrl) {
        return v3ByBaseUrl.computeIfAbsent(baseUrl, url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Error statuses are answers to classify, not exceptions.
                .disableDefaultMapper(true)
                .build(ExotelV3Api.class));
    }

    private static String rootCauseName(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
