package io.exotelsim;

import static io.exotelsim.ApiFixture.ACCOUNT;
import static io.exotelsim.ApiFixture.AUTH;
import static io.exotelsim.ApiFixture.fieldNames;
import static io.exotelsim.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedCallDetailsApiTest {

    private final ApiFixture sim = new ApiFixture(3);

    @Test
    void servesTheCallInTheVendorsEnvelope() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();

        ExotelReply reply = callDetails(ACCOUNT, sid, AUTH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.delay()).isZero();
        JsonNode body = json(reply);
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
    void writesNullsExplicitlyOnceTheCallHasEnded() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        sim.clock.advance(Duration.ofSeconds(8));

        JsonNode details = json(callDetails(ACCOUNT, sid, AUTH)).at("/response/call_details");

        assertThat(details.has("total_duration")).isTrue();
        assertThat(details.get("total_duration").isNull()).isTrue();
        assertThat(details.get("recordings").isNull()).isTrue();
    }

    @Test
    void rejectsBadCredentialsWithoutSpendingTheBudget() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();

        for (String authorization : List.of("", "Bearer x", "Basic !!!", ApiFixture.basic("key:wrong"))) {
            ExotelReply reply = callDetails(ACCOUNT, sid, authorization);
            assertThat(reply.status()).isEqualTo(401);
            JsonNode body = json(reply);
            assertThat(body.at("/response/status").asText()).isEqualTo("failure");
            assertThat(body.at("/response/error_data/code").asInt()).isEqualTo(1010);
        }
        assertThat(callDetails(ACCOUNT, sid, null).status()).isEqualTo(401);
        assertThat(sim.limiter.peakPerMinute(ACCOUNT)).isZero();
    }

    @Test
    void answers429WithRetryAfterOnceTheBudgetIsSpentWhateverTheAnswers() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        callDetails(ACCOUNT, sid, AUTH);
        sim.clock.advance(Duration.ofSeconds(10));
        callDetails(ACCOUNT, "unknown", AUTH);
        callDetails(ACCOUNT, sid, AUTH);

        ExotelReply reply = callDetails(ACCOUNT, sid, AUTH);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.retryAfterSeconds()).isEqualTo(50);
        JsonNode body = json(reply);
        assertThat(fieldNames(body)).containsExactly("request_id", "http_code", "response");
        assertThat(body.at("/response/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void leavesOutRetryAfterWhenConfiguredTo() {
        ApiFixture quiet = new ApiFixture(1, false);
        quiet.callDetails.callDetails(ACCOUNT, "x", AUTH);

        ExotelReply reply = quiet.callDetails.callDetails(ACCOUNT, "x", AUTH);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.retryAfterSeconds()).isNull();
    }

    @Test
    void playsScriptedRepliesInOrderBeforeFaultsThenBehavesNormally() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        sim.update(FaultsUpdate.builder().errorRate(1.0).latencyMs(50).rateLimitPerMinute(0));
        sim.scripts.append(sid, List.of(
                new ScriptedReply(429, 3, null),
                new ScriptedReply(200, null, "{\"request_id\": \"trunc"),
                ScriptedReply.withStatus(200),
                ScriptedReply.withStatus(503)));

        ExotelReply limited = callDetails(ACCOUNT, sid, AUTH);
        ExotelReply truncated = callDetails(ACCOUNT, sid, AUTH);
        ExotelReply details = callDetails(ACCOUNT, sid, AUTH);
        ExotelReply unavailable = callDetails(ACCOUNT, sid, AUTH);
        ExotelReply faulty = callDetails(ACCOUNT, sid, AUTH);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isEqualTo(3);
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(truncated.body()).isEqualTo("{\"request_id\": \"trunc");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.delay()).isZero();
        assertThat(json(details).at("/response/call_details/sid").asText()).isEqualTo(sid);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(json(unavailable).at("/http_code").asInt()).isEqualTo(503);
        assertThat(faulty.status()).isEqualTo(500);
        assertThat(faulty.delay()).isEqualTo(Duration.ofMillis(50));
        assertThat(json(faulty).at("/response/error_data/code").asInt()).isEqualTo(10715);
    }

    @Test
    void scriptedRepliesStillSpendTheBudget() {
        sim.scripts.append("sid", List.of(ScriptedReply.withStatus(500), ScriptedReply.withStatus(500),
                ScriptedReply.withStatus(500), ScriptedReply.withStatus(500)));
        for (int i = 0; i < 3; i++) {
            callDetails(ACCOUNT, "sid", AUTH);
        }

        assertThat(callDetails(ACCOUNT, "sid", AUTH).status()).isEqualTo(429);
    }

    @Test
    void answers404ForUnknownCallsCallsOfAnotherAccountAndCallsNotYetVisible() {
        sim.update(FaultsUpdate.builder().rateLimitPerMinute(0));
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        String fresh = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).invisible(Duration.ofSeconds(2))).sid();

        for (ExotelReply reply : List.of(callDetails(ACCOUNT, "nope", AUTH),
                callDetails("other", sid, AUTH), callDetails(ACCOUNT, fresh, AUTH))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(json(reply).at("/response/error_data/code").asInt()).isEqualTo(10744);
        }
        sim.clock.advance(Duration.ofSeconds(2));
        assertThat(callDetails(ACCOUNT, fresh, AUTH).status()).isEqualTo(200);
    }

    @Test
    void countsEveryAnswerPerAccountAndStatus() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        callDetails(ACCOUNT, sid, AUTH);
        callDetails(ACCOUNT, sid, "Basic bad");
        callDetails(ACCOUNT, "nope", AUTH);
        callDetails(ACCOUNT, sid, AUTH);
        callDetails(ACCOUNT, sid, AUTH);

        SimulatorStats.AccountStats stats = sim.accountStats();

        assertThat(stats.total()).isEqualTo(5);
        assertThat(stats.byStatus()).containsExactly(
                Map.entry("200", 2L), Map.entry("401", 1L), Map.entry("404", 1L), Map.entry("429", 1L));
        assertThat(stats.peakPerMinute()).isEqualTo(4);
        assertThat(sim.counters.byEndpoint()).containsEntry("v3_call_details", 5L);
    }

    private ExotelReply callDetails(String accountSid, String callSid, String authorization) {
        return sim.callDetails.callDetails(accountSid, callSid, authorization);
    }
}
