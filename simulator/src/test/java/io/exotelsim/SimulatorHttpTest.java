package io.exotelsim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The packaged application over HTTP: Exotel's endpoints at the root, the control API under /simulator. */
@QuarkusTest
class SimulatorHttpTest {

    static final String ACCOUNT = "acc";

    @BeforeEach
    void forgetCalls() {
        given().delete("/simulator/calls").then().statusCode(204);
    }

    @Test
    void aRegisteredCallIsServedByV3WithTheConfiguredCredentials() {
        given().contentType(ContentType.JSON)
                .body("{\"sid\": \"http1sid0000000000\", \"account_sid\": \"acc\", \"ring_ms\": 0, \"talk_ms\": 0, \"post_processing_ms\": 0}")
                .post("/simulator/calls").then().statusCode(201).body("sid", equalTo("http1sid0000000000"));

        given().auth().preemptive().basic("sim-key", "sim-token")
                .get("/v3/accounts/" + ACCOUNT + "/calls/http1sid0000000000")
                .then().statusCode(200).body("response.call_details.sid", equalTo("http1sid0000000000"));
        given().auth().preemptive().basic("sim-key", "wrong")
                .get("/v3/accounts/" + ACCOUNT + "/calls/http1sid0000000000").then().statusCode(401);
        given().get("/simulator/stats").then().statusCode(200).body("requests_by_account.acc.total", equalTo(2));
    }

    @Test
    void scriptsForceTheNextRepliesOfCallDetailsAndLegs() {
        given().contentType(ContentType.JSON).body("{\"sid\": \"http2sid0000000000\", \"account_sid\": \"acc\"}")
                .post("/simulator/calls").then().statusCode(201);
        given().contentType(ContentType.JSON).body("[{\"status\": 503}]")
                .post("/simulator/calls/http2sid0000000000/script").then().statusCode(204);
        given().contentType(ContentType.JSON).body("[{\"status\": 429, \"retry_after_seconds\": 7}]")
                .post("/simulator/calls/http2sid0000000000/legs-script").then().statusCode(204);

        given().auth().preemptive().basic("sim-key", "sim-token")
                .get("/v3/accounts/" + ACCOUNT + "/calls/http2sid0000000000").then().statusCode(503);
        given().auth().preemptive().basic("sim-key", "sim-token")
                .get("/v3/accounts/" + ACCOUNT + "/calls/http2sid0000000000/legs")
                .then().statusCode(429).header("Retry-After", "7");
    }

    @Test
    void v1ListsEndedCallsAndTheControlApiRefusesBadInput() {
        given().contentType(ContentType.JSON).body("{\"account_sid\": \"acc\", \"ring_ms\": 0, \"talk_ms\": 0}")
                .post("/simulator/calls").then().statusCode(201);
        given().post("/simulator/calls/random?account_sid=acc&count=3").then().statusCode(201).body("$", hasSize(3));
        given().post("/simulator/calls/random?account_sid=acc&count=0").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"error_rate\": 2}").put("/simulator/faults").then().statusCode(400);

        given().auth().preemptive().basic("sim-key", "sim-token").queryParam("Sid", "unknownsid00000000")
                .get("/v1/Accounts/" + ACCOUNT + "/Calls.json").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
