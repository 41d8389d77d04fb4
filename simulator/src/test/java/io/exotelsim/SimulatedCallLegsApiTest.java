package io.exotelsim;

import static io.exotelsim.ApiFixture.ACCOUNT;
import static io.exotelsim.ApiFixture.AUTH;
import static io.exotelsim.ApiFixture.fieldNames;
import static io.exotelsim.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedCallLegsApiTest {

    private final ApiFixture sim = new ApiFixture(0);

    @Test
    void servesTheLegsOfAnEndedCallInTheV3Envelope() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).status("to_leg_unanswered")).sid();
        sim.clock.advance(Duration.ofSeconds(10));

        ExotelReply reply = legs(ACCOUNT, sid, AUTH);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = json(reply);
        assertThat(fieldNames(body)).containsExactly("request_id", "method", "http_code", "response");
        assertThat(body.at("/response/status").asText()).isEqualTo("success");
        JsonNode legDetails = body.at("/response/leg_details");
        assertThat(fieldNames(legDetails)).containsExactly("call_sid", "account_sid", "from", "to");
        assertThat(legDetails.get("call_sid").asText()).isEqualTo(sid);
        assertThat(legDetails.at("/from/0/status").asText()).isEqualTo("completed");
        assertThat(legDetails.at("/to/0/status").asText()).isEqualTo("no-answer");
    }

    @Test
    void showsEmptyLegsWhileTheCallIsOngoing() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();

        JsonNode legDetails = json(legs(ACCOUNT, sid, AUTH)).at("/response/leg_details");

        assertThat(legDetails.get("from").isArray()).isTrue();
        assertThat(legDetails.get("from")).isEmpty();
        assertThat(legDetails.get("to")).isEmpty();
    }

    @Test
    void answers404WithTenantNotFoundForAnAccountWithoutTheLegsApi() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        String otherSid = sim.register(SimulatedCallSpec.forAccount("other")).sid();
        sim.update(FaultsUpdate.builder().legsDisabledAccounts(List.of(ACCOUNT)));

        ExotelReply disabled = legs(ACCOUNT, sid, AUTH);

        assertThat(disabled.status()).isEqualTo(404);
        assertThat(json(disabled).at("/response/error_data/code").asInt()).isEqualTo(1017);
        assertThat(legs("other", otherSid, AUTH).status()).isEqualTo(200);
        assertThat(sim.callDetails.callDetails(ACCOUNT, sid, AUTH).status()).isEqualTo(200);

        sim.update(FaultsUpdate.builder().legsDisabledAccounts(List.of()));
        assertThat(legs(ACCOUNT, sid, AUTH).status()).isEqualTo(200);
    }

    @Test
    void answers404CallNotFoundForUnknownCallsCallsOfAnotherAccountAndCallsNotYetVisible() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        String fresh = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).invisible(Duration.ofSeconds(1))).sid();

        for (ExotelReply reply : List.of(legs(ACCOUNT, "nope", AUTH), legs("other", sid, AUTH),
                legs(ACCOUNT, fresh, AUTH))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(json(reply).at("/response/error_data/code").asInt()).isEqualTo(10744);
        }
    }

    @Test
    void answersErrorsWithTheLegsApisCodes() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();

        ExotelReply unauthorised = legs(ACCOUNT, sid, ApiFixture.basic("key:wrong"));
        sim.update(FaultsUpdate.builder().errorRate(1.0).latencyMs(20));
        ExotelReply failed = legs(ACCOUNT, sid, AUTH);
        sim.update(FaultsUpdate.builder().errorRate(0).rateLimitPerMinute(1));
        ExotelReply limited = legs(ACCOUNT, sid, AUTH);

        assertThat(unauthorised.status()).isEqualTo(401);
        assertThat(json(unauthorised).at("/response/error_data/code").asInt()).isEqualTo(1010);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.delay()).isEqualTo(Duration.ofMillis(20));
        assertThat(json(failed).at("/response/error_data/code").asInt()).isEqualTo(10715);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isEqualTo(60);
        assertThat(json(limited).at("/response/error_data/code").asInt()).isEqualTo(10724);
    }

    @Test
    void isNotScriptedScriptsBelongToCallDetails() {
        String sid = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)).sid();
        sim.scripts.append(sid, List.of(ScriptedReply.withStatus(503)));

        assertThat(legs(ACCOUNT, sid, AUTH).status()).isEqualTo(200);
        assertThat(sim.callDetails.callDetails(ACCOUNT, sid, AUTH).status()).isEqualTo(503);
    }

    private ExotelReply legs(String accountSid, String callSid, String authorization) {
        return sim.legs.legs(accountSid, callSid, authorization);
    }
}
