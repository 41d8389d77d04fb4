package io.calltracker.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the tracker a @QuarkusTest runs: health ({@code /q/health/*}), metrics
 * ({@code /q/metrics}) and the OpenAPI document ({@code /q/openapi}) are served on their own port,
 * {@code quarkus.management.test-port} (fixed in the test profile, -D overrides it for parallel runs),
 * not on the public port that RestAssured addresses by default.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    /** A RestAssured request to the management port, e.g. {@code ManagementInterface.given().get("/q/metrics")}. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** The body of a 200 answer to GET {@code path} on the management port. */
    public static String get(String path) {
        return given().get(path).then().statusCode(200).extract().asString();
    }

    /** The Prometheus scrape, as Prometheus would read it. */
    public static String metrics() {
        return get("/q/metrics");
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
