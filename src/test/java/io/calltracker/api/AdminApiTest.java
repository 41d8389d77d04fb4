package io.calltracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.EventSchema;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.tracking.Claim;
import io.calltracker.tracking.Outcome;
import io.calltracker.tracking.PollSchedule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.calltracker.testing.TestSids.newCallSid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The admin API through HTTP, on the running tracker with a real Kafka broker and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class AdminApiTest extends PipelineHarness {

    /** %test.tracker.admin.token in application.properties. */
    static final String TOKEN = "test-admin-token";

    @Inject
    CallSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PollSchedule schedule;

    @Test
    void withoutTheRightBearerTokenEveryRequestIsRefusedWithAProblem() {
        String path = "/admin/calls/" + newCallSid();
        for (RequestSpecification request : List.of(given(), given().auth().oauth2("not-the-token"),
                given().header("Authorization", "Basic " + TOKEN))) {
            request.when().get(path).then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:exotel-call-tracker:problem:unauthorized"))
                    .body("status", equalTo(401))
                    .body("instance", equalTo(path));
        }
        // The token is checked before the body is read: no hint about the body's validity without it.
        given().contentType(ContentType.JSON).body("{not json").when().post(path + "/cancel").then().statusCode(401);
        admin().when().get(path).then().statusCode(404);
    }

    @Test
    void problemsCarryTypeTitleStatusDetailAndInstance() {
        String sid = newCallSid();
        JsonPath problem = admin().when().get("/admin/calls/" + sid).then()
                .statusCode(404).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getMap("")).containsOnlyKeys("type", "title", "status", "detail", "instance");
        assertThat(problem.getString("type")).isEqualTo("urn:exotel-call-tracker:problem:call-not-found");
        assertThat(problem.getString("title")).isEqualTo("Call not tracked");
        assertThat(problem.getInt("status")).isEqualTo(404);
        assertThat(problem.getString("detail")).contains(sid);
        assertThat(problem.getString("instance")).isEqualTo("/admin/calls/" + sid);

        expectProblem(admin().when().get("/admin/calls/not-a-sid"), 400, "invalid-request")
                .body("detail", equalTo("call SID must match ^[A-Za-z0-9]{16,64}$"));
    }

    @Test
    void anEnqueuedCallIsTrackedToItsEndAndItsEventReachesKafka() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));

        admin().contentType(ContentType.JSON).body("{\"call_sid\":\"" + sid + "\",\"metadata\":{\"campaign\":\"diwali\"}}")
                .when().post("/admin/calls").then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("rejected", equalTo(0))
                .body("results[0].index", equalTo(0))
                .body("results[0].result", equalTo("accepted"))
                .body("results[0].call_sid", equalTo(sid))
                .body("results[0].account_sid", equalTo(ACCOUNT));

        JsonNode event = awaitEvent(sid);
        assertThat(event.path("outcome").asText()).isEqualTo("terminal");
        assertThat(event.path("metadata").path("campaign").asText()).isEqualTo("diwali");

        await().atMost(WAIT).until(() -> lookup(sid).getString("event.sent_at") != null);
        JsonPath call = lookup(sid);
        assertThat(call.getString("tracking.call_sid")).isEqualTo(sid);
        assertThat(call.getString("tracking.outcome")).isEqualTo("terminal");
        assertThat(call.getString("tracking.finished_at")).isNotNull();
        assertThat(call.getString("tracking.next_poll_at")).as("a finished call is not scheduled").isNull();
        assertThat(call.getInt("tracking.poll_count")).isPositive();
        assertThat(call.getString("record.outcome")).isEqualTo("terminal");
        assertThat(call.getString("record.status")).isEqualTo(event.path("status").asText());
        assertThat(call.getInt("record.recording_count")).isEqualTo(event.path("recordings").size());
        assertThat(call.getString("record.legs_status")).isEqualTo(event.path("legs_status").asText());
        assertThat(call.getInt("record.leg_count")).isEqualTo(event.path("legs").size());
        assertThat(call.getString("record.metadata.campaign")).isEqualTo("diwali");
        assertThat(call.getMap("record")).doesNotContainKeys("recordings", "raw_response");
        assertThat(call.getString("event.event_id")).isEqualTo(event.path("event_id").asText());
    }

    @Test
    void aBatchReportsEveryItemAcceptedDuplicateOrRejectedLikeKafkaIntake() {
        String tracked = newCallSid();
        admin().contentType(ContentType.TEXT).body(tracked).when().post("/admin/calls").then()
                .statusCode(200).body("results[0].result", equalTo("accepted"));
        String fresh = newCallSid();
        String v1 = newCallSid();

        admin().contentType(ContentType.JSON)
                .body("{\"calls\": [\"" + fresh + "\", {\"call_sid\": \"" + tracked + "\"}, {\"call_sid\": \"../../admin\"},"
                        + " {\"Call\": {\"Sid\": \"" + v1 + "\"}}, {\"call_sid\": \"" + newCallSid() + "\", \"account_sid\": \"nobody\"}]}")
                .when().post("/admin/calls").then()
                .statusCode(207)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("rejected", equalTo(2))
                .body("results.result", equalTo(List.of("accepted", "duplicate", "rejected", "accepted", "rejected")))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4)))
                .body("results[0].call_sid", equalTo(fresh))
                .body("results[1].call_sid", equalTo(tracked))
                .body("results[2].reason", equalTo("call SID must match ^[A-Za-z0-9]{16,64}$"))
                .body("results[2].call_sid", nullValue())
                .body("results[3].call_sid", equalTo(v1))
                .body("results[4].reason", equalTo("unknown account_sid (not configured in this tracker)"));

        for (String sid : List.of(tracked, fresh, v1)) {
            admin().when().get("/admin/calls/" + sid).then().statusCode(200).body("tracking.account_sid", equalTo(ACCOUNT));
        }
    }

    @Test
    void whenEveryItemIsRejectedTheAnswerIsAProblemWithTheResults() {
        expectProblem(admin().contentType(ContentType.JSON).body("{\"call_sid\": 42}").when().post("/admin/calls"),
                400, "intake-rejected")
                .body("detail", equalTo("call_sid must be a string, got number"))
                .body("results[0].result", equalTo("rejected"));
        expectProblem(admin().contentType(ContentType.JSON).body("{\"call_sid\": \"").when().post("/admin/calls"),
                400, "intake-rejected")
                .body("detail", startsWith("malformed JSON at line 1"));
        expectProblem(admin().contentType(ContentType.JSON).body("{\"calls\": [\"short\", \"\"]}").when().post("/admin/calls"),
                400, "intake-rejected")
                .body("detail", equalTo("every item was rejected; see results"))
                .body("results.reason", equalTo(List.of(
                        "neither a JSON object nor a call SID (expected ^[A-Za-z0-9]{16,64}$)", "empty value")));
        expectProblem(admin().contentType(ContentType.JSON).body("{\"calls\": {}}").when().post("/admin/calls"),
                400, "invalid-request");
        expectProblem(admin().contentType(ContentType.JSON).body("{\"calls\": []}").when().post("/admin/calls"),
                400, "invalid-request");
    }

    @Test
    void anInFlightCallShowsItsTrackingStateAndNoRecordYet() {
        String sid = newCallSid();
        simulator.register(longCall(sid));
        enqueue(sid);

        await().atMost(WAIT).until(() -> lookup(sid).getInt("tracking.poll_count") > 0);
        JsonPath call = lookup(sid);
        assertThat(call.getString("tracking.outcome")).isNull();
        assertThat(call.getString("tracking.phase")).isIn("ringing", "talking");
        assertThat(call.getString("tracking.next_poll_at")).isNotNull();
        assertThat(call.getString("tracking.first_seen_at")).isNotNull();
        assertThat(call.getLong("tracking.age_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(call.getString("record")).isNull();
        assertThat(call.getString("event")).isNull();
    }

    @Test
    void callsAreListedOldestFirstByStateAccountAndAge() {
        String older = newCallSid();
        String newer = newCallSid();
        simulator.register(longCall(older));
        simulator.register(longCall(newer));
        enqueue(older);
        enqueue(newer);
        String finished = newCallSid();
        simulator.register(quickCall(finished));
        enqueue(finished);
        awaitEvent(finished);

        List<String> inFlight = listed("state=in_flight&limit=1000");
        assertThat(inFlight).contains(older, newer).doesNotContain(finished);
        assertThat(inFlight.indexOf(older)).isLessThan(inFlight.indexOf(newer));
        assertThat(listed("limit=1000")).as("in_flight is the default").contains(older, newer).doesNotContain(finished);
        assertThat(listed("state=finished&limit=1000&account_sid=" + ACCOUNT)).contains(finished).doesNotContain(older);
        assertThat(listed("account_sid=disabled-account")).doesNotContain(older, newer);
        assertThat(listed("min_age=1h&limit=1000")).doesNotContain(older, newer);
        assertThat(listed("min_age=0s&limit=1000")).contains(older, newer);

        admin().when().get("/admin/calls?limit=1").then().statusCode(200).body("count", equalTo(1))
                .body("calls[0].age_seconds", greaterThanOrEqualTo(0));
        for (String bad : List.of("min_age=banana", "min_age=-5m", "state=ringing", "limit=0", "limit=1001", "limit=ten",
                "account_sid=a%2Fb")) {
            expectProblem(admin().when().get("/admin/calls?" + bad), 400, "invalid-request");
        }
    }

    @Test
    void pollNowMakesAParkedCallDueAtOnce() throws SQLException {
        String sid = newCallSid();
        simulator.register(longCall(sid));
        enqueue(sid);
        await().atMost(WAIT).until(() -> lookup(sid).getInt("tracking.poll_count") > 0);
        parkForAnHour(sid);
        int polls = lookup(sid).getInt("tracking.poll_count");

        JsonPath call = admin().when().post("/admin/calls/" + sid + "/poll-now").then()
                .statusCode(202).extract().jsonPath();
        assertThat(Instant.parse(call.getString("tracking.next_poll_at"))).isBefore(Instant.now().plusSeconds(5));
        await().atMost(WAIT).until(() -> lookup(sid).getInt("tracking.poll_count") > polls);

        expectProblem(admin().when().post("/admin/calls/" + newCallSid() + "/poll-now"), 404, "call-not-found");
    }

    @Test
    void aFinishedCallCannotBePolledOrCancelled() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        enqueue(sid);
        awaitEvent(sid);
        await().atMost(WAIT).until(() -> lookup(sid).getString("tracking.outcome") != null);

        expectProblem(admin().when().post("/admin/calls/" + sid + "/poll-now"), 409, "call-finished")
                .body("detail", equalTo("call " + sid + " already finished with outcome terminal"));
        expectProblem(cancel(sid, "too late"), 409, "call-finished");
    }

    @Test
    void aCancelledCallEndsWithOutcomeCancelledOneRecordAndOneEvent() throws SQLException {
        String sid = newCallSid();
        simulator.register(longCall(sid));
        enqueue(sid);
        await().atMost(WAIT).until(() -> lookup(sid).getInt("tracking.poll_count") > 0);
        long lastClaim = claimToken(sid);

        JsonPath call = cancel(sid, "  ops: placed by mistake (TICKET-1)  ").then()
                .statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(call.getString("tracking.outcome")).isEqualTo("cancelled");
        assertThat(call.getString("tracking.finished_at")).isNotNull();
        assertThat(call.getString("tracking.last_error")).isEqualTo("ops: placed by mistake (TICKET-1)");
        assertThat(call.getString("record.outcome")).isEqualTo("cancelled");
        assertThat(call.getString("record.outcome_reason")).isEqualTo("ops: placed by mistake (TICKET-1)");
        int polls = call.getInt("tracking.poll_count");
        assertThat(call.getInt("record.poll_count")).as("a cancel is no poll").isEqualTo(polls);

        JsonNode event = awaitEvent(sid);
        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("outcome").asText()).isEqualTo("cancelled");
        assertThat(event.path("legs_status").asText()).isEqualTo("not_applicable");
        assertThat(event.path("outcome_reason").asText()).isEqualTo("ops: placed by mistake (TICKET-1)");
        assertThat(event.path("event_id").asText()).isEqualTo(call.getString("event.event_id"));
        assertThat(event.path("tracking").path("poll_count").asInt()).isEqualTo(polls);

        // A poller that held the last claim and now tries to finish the call is fenced out.
        Claim heldByAPoller = new Claim(sid, ACCOUNT, lastClaim, Instant.now(), polls, 0, null, null, 0);
        assertThat(schedule.finish(heldByAPoller, Outcome.TERMINAL, null)).isFalse();
        // And no poller takes the call again: no poll, no second record or event.
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> completed.recordsFor(sid).size() == 1
                && lookup(sid).getInt("tracking.poll_count") == polls);
        assertThat(lookup(sid).getString("tracking.outcome")).isEqualTo("cancelled");
        assertThat(single("SELECT count(*) FROM call_record WHERE call_sid = ?", sid)).isEqualTo(1);
        assertThat(single("SELECT count(*) FROM outbox_event WHERE call_sid = ?", sid)).isEqualTo(1);
        expectProblem(cancel(sid, "again"), 409, "call-finished")
                .body("detail", equalTo("call " + sid + " already finished with outcome cancelled"));
    }

    @Test
    void aCancelNeedsAReasonAndAWellFormedBody() {
        String sid = newCallSid();
        simulator.register(longCall(sid));
        enqueue(sid);
        String path = "/admin/calls/" + sid + "/cancel";

        expectProblem(cancel(sid, "   "), 400, "invalid-request");
        expectProblem(cancel(sid, "x".repeat(AdminCalls.MAX_REASON_LENGTH + 1)), 400, "invalid-request");
        expectProblem(admin().contentType(ContentType.JSON).when().post(path), 400, "invalid-request");
        expectProblem(admin().contentType(ContentType.JSON).body("{\"reason\": ").when().post(path), 400, null)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("detail", startsWith("malformed JSON body at line 1"));
        expectProblem(admin().contentType(ContentType.JSON).body("[1, 2]").when().post(path), 400, "invalid-request")
                .body("detail", equalTo("the request body must be a JSON object"));
        expectProblem(admin().contentType(ContentType.JSON).body("{\"reason\": {\"who\": \"ops\"}}").when().post(path),
                400, "invalid-request")
                .body("detail", equalTo("field reason has the wrong type"));
        expectProblem(cancel(newCallSid(), "unknown"), 404, "call-not-found");

        assertThat(lookup(sid).getString("tracking.outcome")).as("no failed cancel touched the call").isNull();
    }

    @Test
    void aReplayPublishesTheSameEventAgain() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        enqueue(sid);
        awaitEvent(sid);
        await().atMost(WAIT).until(() -> lookup(sid).getString("event.sent_at") != null);

        admin().when().post("/admin/calls/" + sid + "/replay-event").then()
                .statusCode(202).body("event.event_id", equalTo(awaitEvent(sid).path("event_id").asText()));

        await().atMost(WAIT).until(() -> completed.recordsFor(sid).size() == 2);
        List<ConsumerRecord<String, String>> records = completed.recordsFor(sid);
        assertThat(records.get(1).value()).isEqualTo(records.get(0).value());
        await().atMost(WAIT).until(() -> lookup(sid).getString("event.sent_at") != null);

        String inFlight = newCallSid();
        simulator.register(longCall(inFlight));
        enqueue(inFlight);
        expectProblem(admin().when().post("/admin/calls/" + inFlight + "/replay-event"), 404, "event-not-found");
        expectProblem(admin().when().post("/admin/calls/" + newCallSid() + "/replay-event"), 404, "call-not-found");
    }

    @Test
    void pastItsRetentionAnEventCannotBeReplayedAndACallNotLookedUpButNeitherIsTrackedAgain() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        enqueue(sid);
        awaitEvent(sid);
        await().atMost(WAIT).until(() -> lookup(sid).getString("event.sent_at") != null);

        Rows.execute(dataSource, "UPDATE outbox_event SET sent_at = now() - interval '8 days' WHERE call_sid = ?", sid);
        await().atMost(WAIT).until(() -> Rows.count(dataSource, "SELECT count(*) FROM outbox_event WHERE call_sid = ?", sid) == 0);
        expectProblem(admin().when().post("/admin/calls/" + sid + "/replay-event"), 404, "event-not-found")
                .body("detail", containsString("deleted after tracker.retention.sent-events.keep"));

        Rows.execute(dataSource, "UPDATE tracked_call SET finished_at = now() - interval '31 days' WHERE call_sid = ?", sid);
        await().atMost(WAIT).until(() -> Rows.count(dataSource, "SELECT count(*) FROM tracked_call WHERE call_sid = ?", sid) == 0);
        expectProblem(admin().when().get("/admin/calls/" + sid), 404, "call-not-found");
        admin().contentType(ContentType.JSON).body("{\"call_sid\":\"" + sid + "\"}").when().post("/admin/calls").then()
                .statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM tracked_call WHERE call_sid = ?", sid)).as("not tracked again").isZero();
    }

    @Test
    void reArchivingRecordingsIsRefusedWhileArchivalIsOff() {
        String sid = newCallSid();
        given().when().post("/admin/calls/" + sid + "/recordings/archive").then().statusCode(401);
        expectProblem(admin().when().post("/admin/calls/" + sid + "/recordings/archive"), 409, "archive-disabled");
        expectProblem(admin().when().post("/admin/calls/not-a-sid/recordings/archive"), 400, "invalid-request");
    }

    @Test
    void theOpenApiDocumentDescribesTheAdminApi() {
        JsonPath openApi = ManagementInterface.given().accept(ContentType.JSON).when().get("/q/openapi").then()
                .statusCode(200).extract().jsonPath();
        assertThat(openApi.getMap("paths")).containsKeys("/admin/calls", "/admin/calls/{call_sid}",
                "/admin/calls/{call_sid}/poll-now", "/admin/calls/{call_sid}/cancel", "/admin/calls/{call_sid}/replay-event",
                "/admin/calls/{call_sid}/recordings/archive");
        assertThat(openApi.getString("components.securitySchemes.admin-token.scheme")).isEqualTo("bearer");
        assertThat(openApi.getMap("components.schemas.TrackedCall.properties")).containsKeys("call_sid", "next_poll_at");
        assertThat(openApi.getMap("paths.'/admin/calls/{call_sid}'.get.responses.'404'.content"))
                .containsKey("application/problem+json");
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TOKEN);
    }

    private static ValidatableResponse expectProblem(Response response, int status, String kind) {
        ValidatableResponse then = response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status));
        return kind == null ? then : then.body("type", equalTo("urn:exotel-call-tracker:problem:" + kind));
    }
    /** Issue 9, defects 1 and 2: what Jackson or PostgreSQL cannot take is a 400 with its reason, never a 500 or a 503. */
    @Test
    void valuesBeyondTheParsersLimitsOrThatPostgresqlRefusesAreRejectedWithTheirReason() {
        String deep = "{\"call_sid\":\"" + newCallSid() + "\",\"metadata\":{\"d\":" + "[".repeat(1001) + "]".repeat(1001) + "}}";
        expectProblem(admin().contentType(ContentType.JSON).body(deep).when().post("/admin/calls"), 400, "intake-rejected")
                .body("detail", startsWith("JSON beyond the reader's limits"));
        String nul = "{\"call_sid\":\"" + newCallSid() + "\",\"metadata\":{\"note\":\"a\\u0000b\"}}";
        expectProblem(admin().contentType(ContentType.JSON).body(nul).when().post("/admin/calls"), 400, "intake-rejected")
                .body("detail", containsString("NUL"));
        String huge = "{\"call_sid\":\"" + newCallSid() + "\",\"metadata\":{\"n\":1e999999}}";
        expectProblem(admin().contentType(ContentType.JSON).body("{\"calls\": [" + huge + "]}").when().post("/admin/calls"),
                400, "intake-rejected")
                .body("results[0].reason", containsString("numeric range"));

        String good = newCallSid();
        admin().contentType(ContentType.JSON).body("{\"calls\": [" + nul + ", \"" + good + "\", " + huge + "]}")
                .when().post("/admin/calls").then()
                .statusCode(207)
                .body("results.result", equalTo(List.of("rejected", "accepted", "rejected")));
        admin().when().get("/admin/calls/" + good).then().statusCode(200);
    }

    /** A cancel body beyond the parser's limits is a 400 like any malformed body, not a 500. */
    @Test
    void aCancelBodyBeyondTheParsersLimitsIsAMalformedBody() {
        String sid = newCallSid();
        enqueue(sid);
        admin().contentType(ContentType.JSON)
                .body("{\"reason\":" + "[".repeat(1001) + "]".repeat(1001) + "}")
                .when().post("/admin/calls/" + sid + "/cancel").then()
                .statusCode(400).contentType("application/problem+json");
    }


    private static Response cancel(String sid, String reason) {
        return admin().contentType(ContentType.JSON).body(Map.of("reason", reason))
                .when().post("/admin/calls/" + sid + "/cancel");
    }

    private static void enqueue(String sid) {
        admin().contentType(ContentType.JSON).body("{\"call_sid\":\"" + sid + "\"}").when().post("/admin/calls").then()
                .statusCode(200).body("accepted", equalTo(1));
    }

    private static JsonPath lookup(String sid) {
        return admin().when().get("/admin/calls/" + sid).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> listed(String query) {
        return admin().when().get("/admin/calls?" + query).then().statusCode(200).extract().jsonPath()
                .getList("calls.call_sid", String.class);
    }

    /** Rings long enough to stay in flight for the whole test. */
    private static SimulatedCallSpec longCall(String sid) {
        return SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).ring(Duration.ofSeconds(1)).talk(Duration.ofMinutes(10)).build();
    }

    /** Pushes the next poll an hour away; the new claim token fences out a poll in progress, which would reschedule it. */
    private void parkForAnHour(String sid) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE tracked_call SET next_poll_at = now() + interval '1 hour', claimed_by = NULL,
                       claim_token = nextval('claim_token_seq')
                 WHERE call_sid = ?""")) {
            s.setString(1, sid);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private long claimToken(String sid) throws SQLException {
        return single("SELECT claim_token FROM tracked_call WHERE call_sid = ?", sid);
    }

    private long single(String sql, String sid) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
