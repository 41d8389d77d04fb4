package io.exotelsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The simulated endpoints wired as {@link CallSimulator} wires them, on a clock the test moves. */
final class ApiFixture {

    static final String ACCOUNT = "acc";
    static final String AUTH = basic("key:token");

    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2022-11-03T17:24:40Z"));
    final CallRegistry calls = new CallRegistry();
    final ScriptedReplies scripts = new ScriptedReplies();
    final ScriptedReplies legScripts = new ScriptedReplies();
    final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter();
    final RequestCounters counters = new RequestCounters();
    final FaultSettings faults;
    final SimulatedCallDetailsApi callDetails;
    final SimulatedCallLegsApi legs;
    final SimulatedBulkCallsApi bulk;
    /** The default model, with the vendor's 60 s lag uncompressed. */
    final V1ModelSetting v1Model = new V1ModelSetting(V1Listing.initial(V1Model.LISTED_AT_END, 1.0));

    final RetryAfterWindows retryAfterWindows = new RetryAfterWindows();

    ApiFixture(int rateLimitPerMinute) {
        this(rateLimitPerMinute, true);
    }

    ApiFixture(int rateLimitPerMinute, boolean sendRetryAfter) {
        faults = new FaultSettings(Faults.initial(0, 0, rateLimitPerMinute));
        SimulatedApiGate gate = new SimulatedApiGate(clock, new BasicCredentials("key", "token"), sendRetryAfter,
                faults, limiter, counters, retryAfterWindows);
        callDetails = new SimulatedCallDetailsApi(gate, calls, scripts);
        legs = new SimulatedCallLegsApi(gate, calls, legScripts);
        bulk = new SimulatedBulkCallsApi(gate, calls, v1Model);
    }

    /** Starts the call now, on the fixture's clock. */
    SimulatedCall register(SimulatedCallSpec.Builder spec) {
        SimulatedCall call = SimulatedCall.from(spec.build(), clock.instant());
        calls.add(call);
        return call;
    }

    void update(FaultsUpdate.Builder update) {
        faults.update(update.build());
    }

    SimulatorStats.AccountStats accountStats() {
        return counters.snapshot(limiter::peakPerMinute, retryAfterWindows::insideWindows).get(ACCOUNT);
    }

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(ExotelReply reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
