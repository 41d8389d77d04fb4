package io.calltracker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.publishing.OutboxEvent;
import io.calltracker.records.CallLeg;
import io.calltracker.records.CallRecord;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SharedSimulator;
import io.calltracker.testing.simulator.ScriptedReply;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.EventSchema;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The call's whole journey on a real Kafka broker and a real PostgreSQL, against the simulator. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class PipelineTest extends PipelineHarness {

    @Inject
    CallSimulator simulator;

    @ParameterizedTest
    @ValueSource(strings = {"completed", "from_leg_unanswered", "to_leg_unanswered", "from_leg_cancelled",
            "to_leg_no_dial", "from_leg_no_dial", "a_status_exotel_adds_later"})
    void everyStatusReachesTheRecordAndTheTopicExactlyAsServed(String status) {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).status(status)
                .ring(Duration.ofMillis(300)).talk(Duration.ofMillis(1200)).postProcessing(Duration.ofMillis(600))
                .digits("1-4-#").customField("lead-77").app("flow-9", "Sales IVR").build());
        send(sid, "{\"call_sid\":\"" + sid + "\",\"metadata\":{\"campaign\":\"diwali\"}}");

        JsonNode event = completed.awaitEvent(sid, WAIT);
        JsonNode served = servedCallDetails(sid);
        CallRecord record = record(sid);

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("outcome").asText()).isEqualTo("terminal");
        assertThat(served.path("state").asText()).isEqualTo("terminal");
        assertThat(record.outcome).isEqualTo("terminal");
        for (String field : List.of("status", "direction", "virtual_number", "state", "digits", "custom_field", "app_id", "app_name")) {
            assertThat(event.path(field)).as(field).isEqualTo(served.path(field));
        }
        assertThat(event.path("legs_path")).isEqualTo(served.path("legs"));
        assertThat(event.path("total_duration")).isEqualTo(served.path("total_duration"));
        assertThat(event.path("total_talk_time")).isEqualTo(served.path("total_talk_time"));
        assertThat(event.path("recordings")).isEqualTo(served.path("recordings"));
        for (String time : List.of("created_time", "updated_time", "start_time", "end_time")) {
            assertThat(instant(event.path(time).asText())).as(time).isEqualTo(exotelInstant(served.path(time).asText()));
        }
        assertThat(event.path("metadata").path("campaign").asText()).isEqualTo("diwali");
        assertThat(event.path("tracking").path("poll_count").asInt()).isEqualTo(record.pollCount).isPositive();

        assertThat(record.status).isEqualTo(status);
        assertThat(record.direction).isEqualTo(served.path("direction").asText());
        assertThat(record.virtualNumber).isEqualTo(served.path("virtual_number").asText());
        assertThat(record.digits).isEqualTo("1-4-#");
        assertThat(record.customField).isEqualTo("lead-77");
        assertThat(record.appId).isEqualTo("flow-9");
        assertThat(record.appName).isEqualTo("Sales IVR");
        assertThat(record.totalDuration).isEqualTo(served.path("total_duration").asInt());
        assertThat(record.totalTalkTime).isEqualTo(served.path("total_talk_time").asInt());
        assertThat(record.legsPath).isEqualTo(served.path("legs").asText());
        assertThat(record.endTime.toInstant()).isEqualTo(exotelInstant(served.path("end_time").asText()));
        assertThat(record.startTime.toInstant()).isEqualTo(exotelInstant(served.path("start_time").asText()));
        assertThat(record.createdTime.toInstant()).isEqualTo(exotelInstant(served.path("created_time").asText()));
        assertThat(CompletedEvents.json(record.recordings)).isEqualTo(served.path("recordings"));
        assertThat(CompletedEvents.json(record.rawResponse).path("response").path("call_details")).isEqualTo(served);
        assertThat(record.terminalDetectedAt).isNotNull();
        if ("completed".equals(status)) {
            assertThat(served.path("recordings")).hasSize(1);
        } else {
            assertThat(served.path("recordings")).isEmpty();
        }
    }

    @Test
    void theLegsOfATerminalCallAreStoredAndPublished() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        send(sid, sid);

        JsonNode event = awaitEvent(sid);
        JsonNode served = CompletedEvents.json(RestAssured.given().baseUri(simulator.baseUrl()).auth().preemptive().basic("sim-key", "sim-token")
                .get("/v3/accounts/" + ACCOUNT + "/calls/" + sid + "/legs")
                .then().statusCode(200).extract().asString()).path("response").path("leg_details");
        List<CallLeg> rows = QuarkusTransaction.requiringNew().call(() -> CallLeg.<CallLeg>list("callSid", sid));

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("legs_status").asText()).isEqualTo("fetched");
        assertThat(served.path("from").size() + served.path("to").size()).isPositive();
        assertThat(event.path("legs")).hasSize(served.path("from").size() + served.path("to").size());
        assertThat(rows).hasSize(event.path("legs").size());
        JsonNode firstTo = served.path("to").get(0);
        assertThat(rows).anySatisfy(leg -> {
            assertThat(leg.side).isEqualTo("to");
            assertThat(leg.legSid).isEqualTo(firstTo.path("sid").asText());
            assertThat(leg.status).isEqualTo(firstTo.path("status").asText());
            assertThat(leg.contactUri).isEqualTo(firstTo.path("contact_uri").textValue());
            assertThat(leg.groupName).isEqualTo(firstTo.path("group_name").textValue());
        });
        assertThat(record(sid).legsStatus).isEqualTo("fetched");
    }

    @Test
    void anAccountWithoutTheLegsApiStillGetsItsRecordAndEvent() {
        simulator.faults("{\"legs_disabled_accounts\": [\"" + ACCOUNT + "\"]}");
        try {
            String sid = newCallSid();
            simulator.register(quickCall(sid));
            send(sid, sid);

            JsonNode event = awaitEvent(sid);
            assertThat(event.path("outcome").asText()).isEqualTo("terminal");
            assertThat(event.path("legs_status").asText()).isEqualTo("unavailable: HTTP 404");
            assertThat(event.path("legs")).isEmpty();
            assertThat(EventSchema.violations(event.toString())).isEmpty();
        } finally {
            simulator.faults("{\"legs_disabled_accounts\": []}");
        }
    }

    @Test
    void prometheusShowsTheTrackersFigures() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        send("bad-" + sid, "not a sid");
        send(sid, sid);
        awaitEvent(sid);

        await().atMost(WAIT).untilAsserted(() -> assertThat(ManagementInterface.metrics()).contains(
                "tracker_calls_finished_total{account=\"test-account\",outcome=\"terminal\"}",
                "exotel_api_requests_seconds_count{account=\"test-account\",endpoint=\"call_details\",status=\"200\"}",
                "exotel_api_requests_seconds_count{account=\"test-account\",endpoint=\"call_legs\",status=\"200\"}",
                "tracker_calls_in_flight{account=\"test-account\",phase=\"talking\"}",
                "tracker_oldest_in_flight_age_seconds",
                "tracker_outbox_backlog",
                "tracker_outbox_oldest_age_seconds",
                "tracker_rate_budget_share_per_minute{account=\"test-account\"}",
                "tracker_rate_budget_used_per_minute{account=\"test-account\"}",
                "tracker_account_saturated{account=\"test-account\"}",
                "tracker_account_auth_failed{account=\"test-account\"}",
                "tracker_intake_accepted_total{account=\"test-account\"}",
                "tracker_intake_rejected_total",
                "tracker_claim_batch_size_count",
                "tracker_detection_latency_seconds_bucket"));
    }

    @Test
    void theSeedExamplesAreReadAsTheVendorDocumentsThem() throws IOException {
        String sid = "cabfb1dfa8c5e1c7f2c458423b7716b3";
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).build());
        simulator.script(sid, List.of(new ScriptedReply(200, null, fixture("seed-active-call.json")),
                new ScriptedReply(200, null, fixture("seed-completed-call.json"))));
        send(sid, sid);

        JsonNode event = completed.awaitEvent(sid, WAIT);
        CallRecord record = record(sid);

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(record.status).isEqualTo("completed");
        assertThat(record.state).isEqualTo("terminal");
        assertThat(record.direction).isEqualTo("outbound");
        assertThat(record.virtualNumber).isEqualTo("+911414941199");
        assertThat(record.createdTime).isEqualTo(OffsetDateTime.parse("2022-11-03T22:54:40+05:30"));
        assertThat(record.updatedTime).isEqualTo(OffsetDateTime.parse("2022-11-03T22:56:04+05:30"));
        assertThat(record.startTime).isEqualTo(OffsetDateTime.parse("2022-11-03T22:54:57+05:30"));
        assertThat(record.endTime).isEqualTo(OffsetDateTime.parse("2022-11-03T22:56:04+05:30"));
        assertThat(record.totalDuration).isEqualTo(84);
        assertThat(record.totalTalkTime).isEqualTo(59);
        assertThat(record.customField).isNull();
        assertThat(record.digits).isNull();
        assertThat(record.legsPath).isEqualTo("/v3/accounts/<account_sid>/calls/cabfb1dfa8c5e1c7f2c458423b7716b3/legs");
        assertThat(CompletedEvents.json(record.recordings).get(0).path("url").asText())
                .isEqualTo("https://s3-ap-south-1.amazonaws.com/exotel-mum1-recordings/Exotel/cabfb1dfa8c5e1c7f2c458423b7716b3.mp3");
        assertThat(record.pollCount).isEqualTo(2);
        assertThat(event.path("start_time").asText()).isEqualTo("2022-11-03T22:54:57+05:30");
        assertThat(event.path("end_time").asText()).isEqualTo("2022-11-03T22:56:04+05:30");
        assertThat(event.path("total_talk_time").asInt()).isEqualTo(59);
    }

    @Test
    void everyIntakeFormatStartsTracking() {
        List<Function<String, String>> formats = List.of(
                sid -> sid,
                sid -> "{\"call_sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\"}",
                sid -> "{\"request_id\":\"a1\",\"method\":\"POST\",\"http_code\":200,\"response\":{\"code\":200,"
                        + "\"status\":\"success\",\"call_details\":{\"sid\":\"" + sid + "\",\"state\":\"active\"}}}",
                sid -> "{\"Call\":{\"Sid\":\"" + sid + "\",\"AccountSid\":\"" + ACCOUNT + "\",\"Status\":\"in-progress\"}}");
        List<String> sids = formats.stream().map(format -> {
            String sid = newCallSid();
            simulator.register(quickCall(sid));
            send(sid, format.apply(sid));
            return sid;
        }).toList();

        for (String sid : sids) {
            assertThat(completed.awaitEvent(sid, WAIT).path("outcome").asText()).isEqualTo("terminal");
        }
    }

    @Test
    void duplicatesBecomeOneTrackedCallAndOneEvent() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        send(sid, sid);
        send(sid, "{\"call_sid\":\"" + sid + "\"}");
        send(sid, sid);

        completed.awaitEvent(sid, WAIT);
        await().atMost(WAIT).until(() -> sentOutboxRows(sid) == 1);
        // One outbox row, sent once and marked sent: nothing else can publish this call.
        assertThat(outboxRows(sid)).isEqualTo(1);
        assertThat(trackedRows(sid)).isEqualTo(1);
        assertThat(completed.recordsFor(sid)).hasSize(1);
    }

    @Test
    void malformedMessagesGoToTheDeadLetterTopicWithAReasonAndTheNextMessageIsStillTracked() {
        String badKey = "bad-" + newCallSid();
        send(badKey, "{\"call_sid\": \"../../admin\"}");
        String goodSid = newCallSid();
        simulator.register(quickCall(goodSid));
        send(goodSid, goodSid);

        await().atMost(WAIT).until(() -> !deadLetters.recordsFor(badKey).isEmpty());
        ConsumerRecord<String, String> dead = deadLetters.recordsFor(badKey).get(0);
        assertThat(dead.value()).isEqualTo("{\"call_sid\": \"../../admin\"}");
        assertThat(header(dead, "dead-letter-reason")).contains("call SID must match");
        assertThat(completed.awaitEvent(goodSid, WAIT).path("outcome").asText()).isEqualTo("terminal");
    }

    @Test
    void aCallExotelNeverShowsEndsAsNotFound() {
        String sid = newCallSid();
        send(sid, sid);

        JsonNode event = completed.awaitEvent(sid, WAIT);
        assertThat(event.path("outcome").asText()).isEqualTo("not_found");
        assertThat(event.path("outcome_reason").asText()).contains("404");
        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(record(sid).outcome).isEqualTo("not_found");
    }

    @Test
    void aCallInvisibleJustAfterCreationIsStillTracked() {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).invisible(Duration.ofMillis(800))
                .ring(Duration.ofMillis(900)).talk(Duration.ofMillis(300)).postProcessing(Duration.ofMillis(100)).build());
        send(sid, sid);

        assertThat(completed.awaitEvent(sid, WAIT).path("outcome").asText()).isEqualTo("terminal");
    }

    @Test
    void rateLimitsServerErrorsAndBadBodiesAreRetriedUntilTheCallCompletes() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        simulator.script(sid, List.of(
                new ScriptedReply(429, 1, null),
                ScriptedReply.withStatus(500),
                ScriptedReply.withStatus(503),
                new ScriptedReply(200, null, "{\"response\": {\"call_details\": {\"sid\""),
                new ScriptedReply(200, null, "{\"request_id\":\"x\",\"response\":{\"code\":200}}")));
        send(sid, sid);

        JsonNode event = completed.awaitEvent(sid, WAIT);
        assertThat(event.path("outcome").asText()).isEqualTo("terminal");
        assertThat(event.path("tracking").path("poll_count").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(simulator.stats().requestsByAccount().get(ACCOUNT).byStatus()).containsKeys("429", "500", "503");
    }



    static JsonNode servedCallDetails(String sid) {
        String body = RestAssured.given().baseUri(SharedSimulator.baseUrl()).auth().preemptive().basic("sim-key", "sim-token")
                .get("/v3/accounts/" + ACCOUNT + "/calls/" + sid)
                .then().statusCode(200).extract().asString();
        return CompletedEvents.json(body).path("response").path("call_details");
    }

    static CallRecord record(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> CallRecord.<CallRecord>findById(sid));
    }

    static long outboxRows(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("callSid", sid));
    }

    static long sentOutboxRows(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("callSid = ?1 and sentAt is not null", sid));
    }

    static long trackedRows(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> CallRecord.count("callSid", sid));
    }


    static java.time.Instant instant(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    static java.time.Instant exotelInstant(String exotel) {
        return io.calltracker.exotel.ExotelTime.parse(exotel).toInstant();
    }

}
