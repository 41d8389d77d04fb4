package io.calltracker.api;

import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ports: the public one (what an Ingress may route to) serves only the admin API, Exotel's status
 * callbacks and the event schema; health, metrics and the OpenAPI document are on the management
 * interface, which only probes and Prometheus reach. The Swagger UI is served nowhere outside dev and demo.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class ManagementInterfaceTest {

    /** %test.tracker.status-callback.token in application.properties. */
    static final String CALLBACK = "/exotel/status-callback/test-callback-token";

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/health/well",
            "/q/metrics", "/q/openapi"})
    void healthMetricsAndOpenApiAreOnTheManagementPortAndNotOnThePublicOne(String path) {
        given().get(path).then().statusCode(404);

        ManagementInterface.given().get(path).then().statusCode(200);
    }

    @Test
    void theManagementPortServesTheTrackersOwnMetrics() {
        assertThat(ManagementInterface.metrics()).contains("tracker_rate_budget_share_per_minute", "tracker_account_auth_failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/swagger-ui", "/q/swagger-ui/", "/q/dev-ui"})
    void neitherPortServesTheSwaggerUiOrDevUiInProduction(String path) {
        given().get(path).then().statusCode(404);
        ManagementInterface.given().get(path).then().statusCode(404);
    }

    @Test
    void thePublicPortKeepsTheAdminApiTheCallbacksAndTheSchema() {
        given().auth().oauth2(AdminApiTest.TOKEN).get("/admin/calls").then().statusCode(200);
        given().get("/schema/call-completed-event.v1.json").then().statusCode(200);
        // 400 comes from the callback resource itself: the route exists (a body without CallSid is refused).
        given().contentType("application/json").body("{}").post(CALLBACK).then().statusCode(400);

        ManagementInterface.given().auth().oauth2(AdminApiTest.TOKEN).get("/admin/calls").then().statusCode(404);
        ManagementInterface.given().get("/schema/call-completed-event.v1.json").then().statusCode(404);
        ManagementInterface.given().contentType("application/json").body("{}").post(CALLBACK).then().statusCode(404);
    }
}
