package io.calltracker.exotel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** The one adapter between the tracker and Exotel's HTTP API. */
@ApplicationScoped
public class ExotelClient {

    /** Bulk Call Details takes at most this many SIDs per request. */
    public static final int MAX_BULK_SIDS = 100;
    private static final String RETRY_AFTER = "Retry-After";

    /**
     * Histogram buckets for the latency panels (p50/p95/p99 with histogram_quantile): a few fixed
     * ones, not a percentile histogram's ~70, because the series multiply by endpoint, status and
     * account (up to a thousand accounts).
     */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15)};

    private final Map<String, ExotelV3Api> v3ByBaseUrl = new ConcurrentHashMap<>();
    private final Map<String, ExotelV1Api> v1ByBaseUrl = new ConcurrentHashMap<>();
    private final ExotelConfig config;
    private final CallDetailsReplies replies;
    private final BulkCallsReplies bulkReplies;
    private final RetryAfterCap retryAfterCap;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public ExotelClient(ExotelConfig config, ObjectMapper mapper, MeterRegistry meters) {
        this.config = config;
        this.replies = new CallDetailsReplies(mapper);
        this.bulkReplies = new BulkCallsReplies(mapper);
        this.retryAfterCap = new RetryAfterCap(config.retryAfterCap());
        this.mapper = mapper;
        this.meters = meters;
    }

    /** GET the call's details. Never throws for transport or server faults: they become {@link PollResult.Unavailable}. */
    public PollResult fetchCallDetails(Account account, String callSid) {
        requireValidSids(account, List.of(callSid));
        return exchange("call_details", account,
                () -> v3(account.baseUrl()).callDetails(account.sid(), callSid, account.authorization()),
                response -> retryAfterCap.limit(account.sid(), replies.classify(response.getStatus(),
                        response.readEntity(String.class), response.getHeaderString(RETRY_AFTER), clock.instant())),
                failure -> new PollResult.Unavailable("request failed: " + failure, null));
    }

    /**
     * GET the call's legs. The path is built from the validated SIDs, never taken from the {@code legs}
     * field of the response, so Exotel's data cannot steer our requests.
     */
    public LegsResult fetchLegs(Account account, String callSid) {
        requireValidSids(account, List.of(callSid));
        return exchange("call_legs", account,
                () -> v3(account.baseUrl()).callLegs(account.sid(), callSid, account.authorization()),
                response -> legs(account, response),
                failure -> new LegsResult.Unavailable("unavailable: " + failure, new AccountSignal.Fault(failure)));
    }

    /**
     * Asks v1 Bulk Call Details which of {@code callSids} (at most {@value #MAX_BULK_SIDS}) have ended:
     * {@link PollResult.Ended}, {@link PollResult.BulkUnsupported} when the account cannot use v1, or a fault.
     */
    public PollResult fetchEndedCalls(Account account, List<String> callSids) {
        if (callSids.isEmpty() || callSids.size() > MAX_BULK_SIDS) {
            throw new IllegalArgumentException("between 1 and " + MAX_BULK_SIDS + " SIDs per bulk request, got " + callSids.size());
        }
        requireValidSids(account, callSids);
        return exchange("bulk_calls", account,
                () -> v1(account.v1BaseUrl()).calls(account.sid(), String.join(",", callSids), MAX_BULK_SIDS,
                        account.authorization()),
                response -> retryAfterCap.limit(account.sid(), bulkReplies.classify(response.getStatus(),
                        response.readEntity(String.class), response.getHeaderString(RETRY_AFTER), clock.instant())),
                failure -> new PollResult.Unavailable("v1 request failed: " + failure, null));
    }

    /**
     * Sends one request, reads its answer and times it as {@code exotel.api.requests} by endpoint, account
     * and status; a transport failure (refused, timed out) becomes {@code failed}'s answer, never an exception.
     */
    private <T> T exchange(String endpoint, Account account, Supplier<Response> send, Function<Response, T> read,
                           Function<String, T> failed) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try (Response response = send.get()) {
            outcome = Integer.toString(response.getStatus());
            return read.apply(response);
        } catch (ProcessingException e) {
            outcome = "io_error";
            return failed.apply(rootCauseName(e));
        } finally {
            sample.stop(Timer.builder("exotel.api.requests").tags("endpoint", endpoint, "account", account.sid(), "status", outcome)
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(meters));
        }
    }

    /**
     * 401/403/404 from the legs API mean it is not enabled for the account (the vendor enables this Beta
     * per account), not that the credentials are wrong: v3 says that. An unusable body is the Beta's
     * own problem. A 429 and a 5xx, though, are the account's API speaking, like on any endpoint.
     */
    private LegsResult legs(Account account, Response response) {
        int status = response.getStatus();
        String reason = "unavailable: HTTP " + status;
        if (status == 429) {
            Duration retryAfter = CallDetailsReplies.retryAfter(response.getHeaderString(RETRY_AFTER), clock.instant());
            return new LegsResult.Unavailable(reason,
                    new AccountSignal.RateLimited(retryAfterCap.limit(account.sid(), retryAfter)));
        }
        if (status >= 500) {
            return new LegsResult.Unavailable(reason, new AccountSignal.Fault("legs HTTP " + status));
        }
        if (status != 200) {
            return new LegsResult.Unavailable(reason);
        }
        try {
            CallLegs.Response body = mapper.readValue(response.readEntity(String.class), CallLegs.Response.class);
            return body == null || body.response() == null || body.response().legDetails() == null
                    ? new LegsResult.Unavailable("unavailable: no leg_details")
                    : new LegsResult.Fetched(body.response().legDetails());
        } catch (JsonProcessingException | RuntimeException e) {
            // The message of a Jackson error quotes the body; the exception's name says enough.
            return new LegsResult.Unavailable("unavailable: " + rootCauseName(e));
        }
    }

    private static void requireValidSids(Account account, List<String> callSids) {
        if (!Sids.isAccountSid(account.sid()) || !callSids.stream().allMatch(Sids::isCallSid)) {
            throw new IllegalArgumentException("refusing to build a request from a malformed SID");
        }
    }

    private ExotelV3Api v3(String baseUrl) {
        return v3ByBaseUrl.computeIfAbsent(baseUrl, url -> client(url, ExotelV3Api.class));
    }

    private ExotelV1Api v1(String baseUrl) {
        return v1ByBaseUrl.computeIfAbsent(baseUrl, url -> client(url, ExotelV1Api.class));
    }

    private <T> T client(String baseUrl, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Error statuses are answers to classify, not exceptions.
                .disableDefaultMapper(true)
                .build(api);
    }

    private static String rootCauseName(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
