package io.exotelsim;

import static io.exotelsim.ApiFixture.ACCOUNT;
import static io.exotelsim.ApiFixture.AUTH;
import static io.exotelsim.ApiFixture.fieldNames;
import static io.exotelsim.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedBulkCallsApiTest {

    private final ApiFixture sim = new ApiFixture(0);

    @Test
    void returnsOnlyTheCallsThatHaveEndedPostProcessingOrNot() {
        String ringing = sim.register(spec().ring(Duration.ofSeconds(60))).sid();
        String talking = sim.register(spec().ring(Duration.ofSeconds(1)).talk(Duration.ofSeconds(60))).sid();
        String postProcessing = sim.register(spec().postProcessing(Duration.ofSeconds(60))).sid();
        String terminal = sim.register(spec().postProcessing(Duration.ZERO)).sid();
        String unanswered = sim.register(spec().status("from_leg_unanswered")).sid();
        String elsewhere = sim.register(SimulatedCallSpec.forAccount("other")).sid();
        sim.clock.advance(Duration.ofSeconds(10));

        JsonNode body = json(bulk(String.join(",", ringing, talking, postProcessing, terminal, unanswered,
                elsewhere, "unknown", terminal)));

        assertThat(sids(body)).containsExactly(postProcessing, terminal, unanswered);
        assertThat(body.at("/Metadata/Total").asInt()).isEqualTo(3);
    }

    @Test
    void writesTheVendorsEnvelopeAndFields() {
        String sid = sim.register(spec()).sid();
        sim.clock.advance(Duration.ofSeconds(10));

        ExotelReply reply = bulk(" " + sid + " ,");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = json(reply);
        assertThat(fieldNames(body)).containsExactly("Metadata", "Calls");
        assertThat(fieldNames(body.get("Metadata")))
                .containsExactly("Total", "PageSize", "FirstPageUri", "PrevPageUri", "NextPageUri");
        assertThat(body.at("/Metadata/PageSize").asInt()).isEqualTo(100);
        assertThat(body.at("/Metadata/FirstPageUri").asText())
                .isEqualTo("/v1/Accounts/acc/Calls.json?Sid=" + sid + "&PageSize=100");
        assertThat(body.at("/Metadata/NextPageUri").isNull()).isTrue();
        assertThat(fieldNames(body.at("/Calls/0"))).containsExactly("Sid", "ParentCallSid", "DateCreated",
                "DateUpdated", "AccountSid", "To", "From", "PhoneNumberSid", "Status", "StartTime", "EndTime",
                "Duration", "Price", "Direction", "AnsweredBy", "RecordingUrl");
    }

    @Test
    void fillsInDurationPriceEndTimeAndRecordingOnlyOnceV3ShowsTheCallTerminal() {
        // Created 2022-11-03 22:54:40 IST; rings 2 s, talks 65 s, post-processing 3 s.
        SimulatedCall call = sim.register(spec().talk(Duration.ofSeconds(65)).customField("x"));
        sim.clock.advance(Duration.ofSeconds(68));

        JsonNode pending = json(bulk(call.sid())).at("/Calls/0");
        sim.clock.advance(Duration.ofSeconds(2));
        JsonNode settled = json(bulk(call.sid())).at("/Calls/0");

        assertThat(pending.get("Status").asText()).isEqualTo("completed");
        assertThat(pending.get("DateCreated").asText()).isEqualTo("2022-11-03 22:54:40");
        assertThat(pending.get("StartTime").asText()).isEqualTo("2022-11-03 22:54:42");
        assertThat(pending.get("DateUpdated").asText()).isEqualTo("2022-11-03 22:55:47");
        for (String asynchronous : List.of("EndTime", "Duration", "Price", "RecordingUrl")) {
            assertThat(pending.get(asynchronous).isNull()).as(asynchronous).isTrue();
        }
        assertThat(settled.get("DateUpdated").asText()).isEqualTo("2022-11-03 22:55:50");
        assertThat(settled.get("EndTime").asText()).isEqualTo("2022-11-03 22:55:47");
        assertThat(settled.get("Duration").isTextual()).isTrue();
        assertThat(settled.get("Duration").asText()).isEqualTo("67");
        assertThat(settled.get("Price").asText()).isEqualTo("1.000");
        assertThat(settled.get("AnsweredBy").asText()).isEqualTo("human");
        assertThat(settled.get("RecordingUrl").asText()).isEqualTo(call.recordingUrl().orElseThrow());
        assertThat(settled.get("ParentCallSid").isNull()).isTrue();
    }

    @Test
    void speaksTheV1VocabularyForStatusDirectionAndParties() {
        SimulatedCall outbound = sim.register(spec().status("to_leg_no_dial"));
        SimulatedCall inbound = sim.register(spec().status("from_leg_cancelled").direction("inbound"));
        SimulatedCall unanswered = sim.register(spec().status("to_leg_unanswered"));
        SimulatedCall unknown = sim.register(spec().status("busy"));
        sim.clock.advance(Duration.ofMinutes(1));

        JsonNode calls = json(bulk(String.join(",", outbound.sid(), inbound.sid(), unanswered.sid(), unknown.sid())))
                .get("Calls");

        assertThat(calls.findValuesAsText("Status")).containsExactly("failed", "canceled", "no-answer", "busy");
        assertThat(calls.findValuesAsText("Direction"))
                .containsExactly("outbound-api", "inbound", "outbound-api", "outbound-api");
        assertThat(calls.get(0).get("From").asText()).isEqualTo(outbound.parties().agentNumber());
        assertThat(calls.get(0).get("To").asText()).isEqualTo(outbound.parties().customerNumber());
        assertThat(calls.get(1).get("From").asText()).isEqualTo(inbound.parties().customerNumber());
        assertThat(calls.get(1).get("To").asText()).isEqualTo("+911414941199");
        assertThat(calls.get(1).get("PhoneNumberSid").asText()).isEqualTo("+911414941199");
        assertThat(calls.get(1).get("AnsweredBy").isNull()).isTrue();
        assertThat(calls.get(1).get("Price").asText()).isEqualTo("0.000");
    }

    @Test
    void acceptsAHundredSidsAndRejectsMoreOrNoneWithA400() {
        List<String> sids = new ArrayList<>(IntStream.range(0, 100).mapToObj(i -> "sid" + i).toList());

        ExotelReply hundred = bulk(String.join(",", sids));
        sids.add("sid100");
        ExotelReply tooMany = bulk(String.join(",", sids));
        ExotelReply none = bulk(null);

        assertThat(hundred.status()).isEqualTo(200);
        assertThat(json(hundred).get("Calls")).isEmpty();
        for (ExotelReply rejected : List.of(tooMany, none)) {
            assertThat(rejected.status()).isEqualTo(400);
            JsonNode body = json(rejected);
            assertThat(fieldNames(body)).containsExactly("RestException");
            assertThat(body.at("/RestException/Status").asInt()).isEqualTo(400);
        }
        assertThat(json(tooMany).at("/RestException/Message").asText()).contains("100", "101");
    }

    @Test
    void answers403ForAnAccountWithoutV1Access() {
        String sid = sim.register(spec()).sid();
        sim.clock.advance(Duration.ofMinutes(1));
        sim.update(FaultsUpdate.builder().v1DisabledAccounts(List.of(ACCOUNT)));

        ExotelReply reply = bulk(sid);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(json(reply).at("/RestException/Status").asInt()).isEqualTo(403);
        assertThat(json(reply).at("/RestException/Message").asText()).isNotBlank();
        assertThat(sim.callDetails.callDetails(ACCOUNT, sid, AUTH).status()).isEqualTo(200);
    }

    @Test
    void answersErrorsAsRestExceptionsAndRateLimitsLikeV3() {
        ExotelReply unauthorised = sim.bulk.calls(ACCOUNT, "a", ApiFixture.basic("key:wrong"));
        sim.update(FaultsUpdate.builder().errorRate(1.0));
        ExotelReply failed = bulk("a");
        sim.update(FaultsUpdate.builder().errorRate(0).rateLimitPerMinute(1));
        ExotelReply limited = bulk("a");

        assertThat(unauthorised.status()).isEqualTo(401);
        assertThat(json(unauthorised).at("/RestException/Status").asInt()).isEqualTo(401);
        assertThat(json(unauthorised).at("/RestException/Message").asText()).isEqualTo("Authentication failed");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(json(failed).at("/RestException/Status").asInt()).isEqualTo(500);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isEqualTo(60);
        assertThat(json(limited).at("/response/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    private ExotelReply bulk(String sids) {
        return sim.bulk.calls(ACCOUNT, sids, AUTH);
    }

    private static SimulatedCallSpec.Builder spec() {
        return SimulatedCallSpec.forAccount(ACCOUNT);
    }

    private static List<String> sids(JsonNode body) {
        return body.get("Calls").findValuesAsText("Sid");
    }
}
