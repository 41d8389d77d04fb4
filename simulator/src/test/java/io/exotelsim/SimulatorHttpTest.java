package io.exotelsim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
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
    void servedRecordingsAreDownloadedThroughTheirLinksUntilTheyExpire() {
        given().contentType(ContentType.JSON)
                .body("{\"sid\": \"http3sid0000000000\", \"account_sid\": \"acc\", \"ring_ms\": 0, \"talk_ms\": 0,"
                        + " \"post_processing_ms\": 0, \"served_recordings\": {\"bytes\": 5000, \"expired_links\": 1}}")
                .post("/simulator/calls").then().statusCode(201);
        String dead = recordingLink("http3sid0000000000");
        String live = recordingLink("http3sid0000000000");

        given().get(dead).then().statusCode(403).contentType("application/xml").body(containsString("AccessDenied"));
        byte[] bytes = given().get(live).then().statusCode(200).contentType("audio/wav").header("Content-Length", "5000")
                .extract().asByteArray();
        given().get(live.replace("/1.wav", "/2.wav")).then().statusCode(404);

        assertThat(bytes).hasSize(5000);
        given().get("/simulator/calls/http3sid0000000000/recordings").then().statusCode(200)
                .body("[0].bytes", equalTo(5000)).body("[0].downloads", equalTo(1)).body("[0].refused", equalTo(1))
                .body("[0].sha256", hasLength(64));
        given().body("{\"sid\": \"http4sid0000000000\", \"account_sid\": \"acc\", \"served_recordings\": {\"bytes\": -1}}")
                .contentType(ContentType.JSON).post("/simulator/calls").then().statusCode(400);
    }

    /** The path and query of the first recording link in a v3 reply: the link's host is the configured public URL. */
    private static String recordingLink(String sid) {
        String url = given().auth().preemptive().basic("sim-key", "sim-token").get("/v3/accounts/" + ACCOUNT + "/calls/" + sid)
                .then().statusCode(200).extract().path("response.call_details.recordings[0].url");
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
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
