package io.calltracker.intake;

import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.tracking.PollSchedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** POST /exotel/status-callback/{token} on the running tracker, with a real Kafka broker and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class StatusCallbackTest extends PipelineHarness {

    /** %test.tracker.status-callback.token in application.properties. */
    static final String TOKEN = "test-callback-token";
    static final String URL = "/exotel/status-callback/" + TOKEN;

    @Inject
    CallSimulator simulator;

    @Inject
    PollSchedule schedule;

    @Inject
    MeterRegistry meters;

    @Test
    void aCallbackMakesATrackedCallDueNow() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        // Without the hint nothing would poll this call within the test's wait.
        schedule.enqueue(sid, ACCOUNT, null, Duration.ofHours(1));

        callback("multipart", sid).then().statusCode(200).body("result", equalTo("due_now"));

        assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart", "urlencoded", "json"})
    void aCallbackForAnUnknownCallStartsTrackingItItsCopyAndOneForAFinishedCallDoNothing(String format) {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        double started = count("started");

        callback(format, sid).then().statusCode(200).body("result", equalTo("started"));

        assertThat(awaitEvent(sid).path("account_sid").asText()).isEqualTo(ACCOUNT);
        assertThat(count("started")).isEqualTo(started + 1);
        callback(format, sid).then().statusCode(200).body("result", equalTo("duplicate"));
        String polled = newCallSid();
        simulator.register(quickCall(polled));
        schedule.enqueue(polled, ACCOUNT, null, Duration.ZERO);
        awaitEvent(polled);
        callback(format, polled).then().statusCode(200).body("result", equalTo("already_finished"));
        assertThat(completed.recordsFor(sid)).hasSize(1);
        assertThat(completed.recordsFor(polled)).hasSize(1);
    }

    @Test
    void aWrongTokenLooksLikeAnUnknownPathTracksNothingAndIsNeverExposed() {
        String sid = newCallSid();
        double badTokens = count("bad_token");

        given().contentType(ContentType.JSON).body(json(sid)).post("/exotel/status-callback/not-the-token")
                .then().statusCode(404);
        // The token is checked before the body is read: a broken body tells a guesser nothing either.
        given().contentType(ContentType.JSON).body("{not json").post("/exotel/status-callback/not-the-token")
                .then().statusCode(404);

        assertThat(count("bad_token")).isEqualTo(badTokens + 2);
        assertThat(schedule.pollNow(sid)).as("the call is tracked").isFalse();
        callback("json", "no-sid").then().statusCode(400);
        assertThat(ManagementInterface.metrics())
                .doesNotContain("not-the-token").doesNotContain(TOKEN);
    }

    @Test
    void aBodyWithoutAValidCallSidIsAProblemWithoutTheToken() {
        double rejected = count("rejected");
        List<String> bodies = List.of("{\"Status\": \"completed\"}", "{\"CallSid\": \"../../admin/calls\"}",
                "{\"CallSid\": 42}", "[\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"]", "{not json",
                "{\"CallSid\": \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", \"AccountSid\": \"disabled-account\"}");

        for (String body : bodies) {
            given().contentType(ContentType.JSON).body(body).post(URL).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:exotel-call-tracker:problem:invalid-request"))
                    .body("instance", equalTo("/exotel/status-callback/{token}"));
        }
        given().multiPart("Status", "completed").post(URL).then().statusCode(400)
                .body("detail", equalTo("no CallSid"));

        assertThat(count("rejected")).isEqualTo(rejected + bodies.size() + 1);
    }

    /** Issue 9, defect 1: a body beyond Jackson's limits is a 400 problem like any malformed body, not a 500. */
    @Test
    void aBodyBeyondTheParsersLimitsIsRejectedWithAReason() {
        String sid = newCallSid();
        for (String body : List.of("{\"CallSid\":\"" + sid + "\",\"Legs\":" + "[".repeat(1001) + "]".repeat(1001) + "}",
                "{\"CallSid\":\"" + sid + "\",\"Duration\":" + "9".repeat(1001) + "}")) {
            given().contentType(ContentType.JSON).body(body).post(URL).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:exotel-call-tracker:problem:invalid-request"))
                    .body("instance", equalTo("/exotel/status-callback/{token}"));
        }
        assertThat(schedule.pollNow(sid)).as("not tracked").isFalse();
    }

    private static Response callback(String format, String sid) {
        return switch (format) {
            case "multipart" -> given().multiPart("CallSid", sid).multiPart("Status", "completed")
                    .multiPart("RecordingUrl", "").post(URL);
            case "urlencoded" -> given().contentType(ContentType.URLENC).formParam("CallSid", sid)
                    .formParam("Status", "completed").post(URL);
            case "json" -> given().contentType(ContentType.JSON).body(json(sid)).post(URL);
            default -> throw new IllegalArgumentException(format);
        };
    }

    private static String json(String sid) {
        return "{\"CallSid\": \"" + sid + "\", \"Status\": \"completed\", \"RecordingUrl\": null, "
                + "\"DateUpdated\": \"2022-11-03 22:56:04\", \"Legs\": [{\"OnCallDuration\": 10, \"Status\": \"completed\"}]}";
    }

    private double count(String result) {
        return meters.counter("tracker.status_callbacks", "result", result).count();
    }
}
