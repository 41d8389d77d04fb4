package io.calltracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedCallDetailsApiTest {

    private static final String ACCOUNT = "acc";
    private static final String AUTH = "Basic "
            + Base64.getEncoder().encodeToString("key:token".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2022-11-03T17:24:40Z"));
    private final CallRegistry calls = new CallRegistry();
    private final ScriptedReplies scripts = new ScriptedReplies();
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter();
    private final RequestCounters counters = new RequestCounters();
    private final FaultSettings faults = new FaultSettings(new Faults(0, 0, 3));
    private final SimulatedCallDetailsApi api = new SimulatedCallDetailsApi(clock,
            new BasicCredentials("key", "token"), true, faults, calls, scripts, limiter, counters);

    @Test
    void servesTheCallInTheVendorsEnvelope() throws Exception {
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));

        ExotelReply reply = api.callDetails(ACCOUNT, sid, AUTH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.delay()).isZero();
        JsonNode body = JSON.readTree(reply.body());
        assertThat(fieldNames(body)).containsExactly("request_id", "method", "http_code", "response");
        assertThat(body.get("request_id").asText()).matches("[0-9a-f]{32}");
        assertThat(body.get("method").asText()).isEqualTo("GET");
        assertThat(body.get("http_code").asInt()).isEqualTo(200);
        assertThat(body.at("/response/code").asInt()).isEqualTo(200);
        assertThat(body.at("/response/status").asText()).isEqualTo("success");
        assertThat(body.at("/response/call_details/sid").asText()).isEqualTo(sid);
        assertThat(body.at("/response/call_details/status").isNull()).isTrue();
    }

    @Test
    void writesNullsExplicitlyOnceTheCallHasEnded() throws Exception {
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));
        clock.advance(Duration.ofSeconds(8));

        JsonNode details = JSON.readTree(api.callDetails(ACCOUNT, sid, AUTH).body()).at("/response/call_details");

        assertThat(details.has("total_duration")).isTrue();
        assertThat(details.get("total_duration").isNull()).isTrue();
        assertThat(details.get("recordings").isNull()).isTrue();
    }

    @Test
    void rejectsBadCredentialsWithoutSpendingTheBudget() throws Exception {
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));

        for (String authorization : List.of("", "Bearer x", "Basic !!!", basic("key:wrong"))) {
            ExotelReply reply = api.callDetails(ACCOUNT, sid, authorization);
            assertThat(reply.status()).isEqualTo(401);
            JsonNode body = JSON.readTree(reply.body());
            assertThat(body.at("/response/status").asText()).isEqualTo("failure");
            assertThat(body.at("/response/error_data/code").asInt()).isEqualTo(1010);
        }
        assertThat(api.callDetails(ACCOUNT, sid, null).status()).isEqualTo(401);
        assertThat(limiter.peakPerMinute(ACCOUNT)).isZero();
    }

    @Test
    void answers429WithRetryAfterOnceTheBudgetIsSpentWhateverTheAnswers() throws Exception {
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));
        api.callDetails(ACCOUNT, sid, AUTH);
        clock.advance(Duration.ofSeconds(10));
        api.callDetails(ACCOUNT, "unknown", AUTH);
        api.callDetails(ACCOUNT, sid, AUTH);

        ExotelReply reply = api.callDetails(ACCOUNT, sid, AUTH);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.retryAfterSeconds()).isEqualTo(50);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(fieldNames(body)).containsExactly("request_id", "http_code", "response");
        assertThat(body.at("/response/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void leavesOutRetryAfterWhenConfiguredTo() {
        SimulatedCallDetailsApi quiet = new SimulatedCallDetailsApi(clock, new BasicCredentials("key", "token"),
                false, new FaultSettings(new Faults(0, 0, 1)), calls, scripts, limiter, counters);
        quiet.callDetails(ACCOUNT, "x", AUTH);

        ExotelReply reply = quiet.callDetails(ACCOUNT, "x", AUTH);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.retryAfterSeconds()).isNull();
    }

    @Test
    void playsScriptedRepliesInOrderBeforeFaultsThenBehavesNormally() throws Exception {
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));
        faults.update(new FaultsUpdate(1.0, 50L, 0));
        scripts.append(sid, List.of(
                new ScriptedReply(429, 3, null),
                new ScriptedReply(200, null, "{\"request_id\": \"trunc"),
                ScriptedReply.withStatus(200),
                ScriptedReply.withStatus(503)));

        ExotelReply limited = api.callDetails(ACCOUNT, sid, AUTH);
        ExotelReply truncated = api.callDetails(ACCOUNT, sid, AUTH);
        ExotelReply details = api.callDetails(ACCOUNT, sid, AUTH);
        ExotelReply unavailable = api.callDetails(ACCOUNT, sid, AUTH);
        ExotelReply faulty = api.callDetails(ACCOUNT, sid, AUTH);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isEqualTo(3);
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(truncated.body()).isEqualTo("{\"request_id\": \"trunc");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.delay()).isZero();
        assertThat(JSON.readTree(details.body()).at("/response/call_details/sid").asText()).isEqualTo(sid);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.body()).at("/http_code").asInt()).isEqualTo(503);
        assertThat(faulty.status()).isEqualTo(500);
        assertThat(faulty.delay()).isEqualTo(Duration.ofMillis(50));
        assertThat(JSON.readTree(faulty.body()).at("/response/error_data/code").asInt()).isEqualTo(10715);
    }

    @Test
    void scriptedRepliesStillSpendTheBudget() {
        scripts.append("sid", List.of(ScriptedReply.withStatus(500), ScriptedReply.withStatus(500),
                ScriptedReply.withStatus(500), ScriptedReply.withStatus(500)));
        for (int i = 0; i < 3; i++) {
            api.callDetails(ACCOUNT, "sid", AUTH);
        }

        assertThat(api.callDetails(ACCOUNT, "sid", AUTH).status()).isEqualTo(429);
    }

    @Test
    void answers404ForUnknownCallsCallsOfAnotherAccountAndCallsNotYetVisible() throws Exception {
        faults.update(new FaultsUpdate(null, null, 0));
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));
        String fresh = register(SimulatedCallSpec.forAccount(ACCOUNT).invisible(Duration.ofSeconds(2)));

        for (ExotelReply reply : List.of(api.callDetails(ACCOUNT, "nope", AUTH),
                api.callDetails("other", sid, AUTH), api.callDetails(ACCOUNT, fresh, AUTH))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(JSON.readTree(reply.body()).at("/response/error_data/code").asInt()).isEqualTo(10744);
        }
        clock.advance(Duration.ofSeconds(2));
        assertThat(api.callDetails(ACCOUNT, fresh, AUTH).status()).isEqualTo(200);
    }

    @Test
    void countsEveryAnswerPerAccountAndStatus() {
        String sid = register(SimulatedCallSpec.forAccount(ACCOUNT));
        api.callDetails(ACCOUNT, sid, AUTH);
        api.callDetails(ACCOUNT, sid, "Basic bad");
        api.callDetails(ACCOUNT, "nope", AUTH);
        api.callDetails(ACCOUNT, sid, AUTH);
        api.callDetails(ACCOUNT, sid, AUTH);

        SimulatorStats.AccountStats stats = counters.snapshot(limiter::peakPerMinute).get(ACCOUNT);

        assertThat(stats.total()).isEqualTo(5);
        assertThat(stats.byStatus()).containsExactly(
                Map.entry("200", 2L), Map.entry("401", 1L), Map.entry("404", 1L), Map.entry("429", 1L));
        assertThat(stats.peakPerMinute()).isEqualTo(4);
    }

    private String register(SimulatedCallSpec.Builder spec) {
        SimulatedCall call = SimulatedCall.from(spec.build(), clock.instant());
        calls.add(call);
        return call.sid();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
