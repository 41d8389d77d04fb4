package io.calltracker.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.calltracker.testing.TestSids.newCallSid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every series the dashboard and the alerts name is one a running tracker really exports: the tracker
 * runs (bulk end-detection on, so its series exist too), real traffic goes through it (calls that end
 * terminal and not_found, a record for the dead-letter topic), and /q/metrics is scraped (on the management port). A panel or an
 * alert naming a series the scrape lacks, or a histogram bucket it does not have, fails here — not on a
 * dark dashboard in production. And the other way round: every series family the tracker exports is on
 * the dashboard or in an alert, so nothing it measures is invisible.
 */
@QuarkusTest
@TestProfile(ExportedSeriesTest.BulkOn.class)
@QuarkusTestResource(TrackerTestResources.class)
class ExportedSeriesTest extends PipelineHarness {

    /** Written by Prometheus itself for every target (the scrape-target-down alert reads it), never by the tracker. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** Exported series families deliberately on neither the dashboard nor an alert: the JVM's, the libraries'. */
    static final Set<String> UNWATCHED_PREFIXES = Set.of("jvm_", "process_", "system_", "http_server_", "http_client_",
            "kafka_", "worker_pool_", "netty_", "agroal_", "hibernate_", "vertx_", "executor_", "jdbc_", "disk_",
            "application_ready_", "application_started_", "ft_");

    static final Path DASHBOARD = Path.of("deploy", "grafana", "tracker-dashboard.json");
    static final Path ALERTS = Path.of("deploy", "prometheus", "alerts.yaml");
    /** A selector with label matchers, e.g. {@code a_bucket{le="120.0", x=~"$y"}}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    /** An exact label matcher ({@code =}, not {@code =~}, {@code !=} or {@code !~}). */
    private static final Pattern EXACT_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

    public static class BulkOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.bulk.enabled", "true",
                    "tracker.bulk.sweep-interval", "300ms",
                    "tracker.bulk.safety-net-interval", "2s",
                    "tracker.fetch-legs", "false");
        }
    }

    @Inject
    CallSimulator simulator;

    static List<String> expressions;

    @BeforeAll
    static void readTheDashboardAndTheAlerts() throws IOException {
        expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        dashboard.path("templating").path("list").findValues("definition")
                .forEach(query -> expressions.add(query.asText().replaceFirst("^label_values\\(([^,]+),.*", "$1")));
        new YAMLMapper().readTree(ALERTS.toFile()).path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
    }

    @Test
    void theDashboardAndTheAlertsNameOnlySeriesARunningTrackerExports() {
        Scrape scrape = scrapeAfterRealTraffic();

        for (String expression : expressions) {
            assertThat(PromQl.metricNames(expression)).as("series named by: %s", expression)
                    .allMatch(name -> scrape.has(name) || PROMETHEUS_OWN.contains(name), "exported by the tracker");
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                String name = selector.group(1);
                Matcher exact = EXACT_MATCHER.matcher(selector.group(2));
                while (exact.find() && !PROMETHEUS_OWN.contains(name)) {
                    assertThat(scrape.labels(name)).as("labels of %s in: %s", name, expression)
                            .contains(exact.group(1) + "=" + exact.group(2));
                }
            }
        }
    }

    @Test
    void everySeriesTheTrackerExportsIsOnTheDashboardOrInAnAlert() {
        Scrape scrape = scrapeAfterRealTraffic();
        Set<String> watched = new TreeSet<>();
        expressions.forEach(expression -> PromQl.metricNames(expression).forEach(name -> watched.add(Scrape.family(name))));

        Set<String> ours = new TreeSet<>();
        scrape.names().stream().filter(name -> UNWATCHED_PREFIXES.stream().noneMatch(name::startsWith))
                .map(Scrape::family).forEach(ours::add);

        assertThat(ours).as("the tracker's own series families").contains("tracker_calls_finished", "exotel_api_requests_seconds")
                .allMatch(watched::contains, "on the dashboard or in an alert");
    }

    /** A terminal call, a not_found call, a status callback and a dead letter have gone through the tracker; then its metrics. */
    private Scrape scrapeAfterRealTraffic() {
        String terminal = newCallSid();
        String notFound = newCallSid();
        simulator.register(quickCall(terminal));
        send(terminal, terminal);
        send(notFound, notFound);
        send("bad-" + newCallSid(), "not a call sid");
        given().contentType(ContentType.JSON).body("{\"CallSid\": \"" + terminal + "\", \"Status\": \"completed\"}")
                .post("/exotel/status-callback/test-callback-token").then().statusCode(200);

        assertThat(awaitEvent(terminal).path("outcome").asText()).isEqualTo("terminal");
        assertThat(awaitEvent(notFound).path("outcome").asText()).isEqualTo("not_found");
        // The schedule's gauges are refreshed every 15 s, the detection latency needs the terminal call.
        await().atMost(WAIT).until(() -> Scrape.of(ManagementInterface.metrics()).has("tracker_detection_latency_seconds_bucket"));
        return Scrape.of(ManagementInterface.metrics());
    }

    /** The series names of a Prometheus text exposition, each with the label pairs ("le=120.0") its samples carry. */
    record Scrape(Map<String, Set<String>> labelsByName) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s");

        static Scrape of(String text) {
            Map<String, Set<String>> names = new TreeMap<>();
            for (String line : text.split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (!line.startsWith("#") && sample.find()) {
                    Set<String> labels = names.computeIfAbsent(sample.group(1), name -> new TreeSet<>());
                    Matcher label = EXACT_MATCHER.matcher(sample.group(2) == null ? "" : sample.group(2));
                    while (label.find()) {
                        labels.add(label.group(1) + "=" + label.group(2));
                    }
                }
            }
            return new Scrape(names);
        }

        boolean has(String name) {
            return labelsByName.containsKey(name);
        }

        Set<String> names() {
            return labelsByName.keySet();
        }

        Set<String> labels(String name) {
            return labelsByName.getOrDefault(name, Set.of());
        }

        /** A series' family: its name without the suffix a counter, timer or summary adds. */
        static String family(String name) {
            return name.replaceFirst("_(total|count|sum|bucket|max)$", "");
        }
    }
}
