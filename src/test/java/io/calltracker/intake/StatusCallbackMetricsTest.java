package io.calltracker.intake;

import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callback token rides in the path. Requests with the right token that the framework refuses before
 * any resource method runs (wrong method, missing or unsupported content type) must not leave the raw
 * path, token included, as a {@code uri} tag in the metrics.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class StatusCallbackMetricsTest {

    private static final String URL = StatusCallbackTest.URL;

    /** 405, 415 or 400: which refusal the framework picks does not matter here, only what it records. */
    private static Matcher<Integer> refused() {
        return allOf(greaterThanOrEqualTo(400), lessThan(500));
    }

    @Test
    void refusedMethodsAndContentTypesNeverPutTheTokenIntoMetrics() {
        given().get(URL).then().statusCode(refused());
        given().put(URL).then().statusCode(refused());
        given().delete(URL + "/").then().statusCode(refused());
        given().header("Content-Type", "text/plain").body("CallSid=x").post(URL).then().statusCode(refused());
        given().noContentType().body(new byte[0]).post(URL).then().statusCode(refused());
        RestAssured.given().contentType("application/xml").body("<CallSid/>").post(URL).then().statusCode(refused());

        String metrics = ManagementInterface.metrics();

        assertThat(metrics).contains("/exotel/status-callback/");
        assertThat(metrics).doesNotContain(StatusCallbackTest.TOKEN);
    }
}
