package io.calltracker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.LocalKafka;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.TrackerProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracker process is killed with SIGKILL mid-flight; a second one, started afterwards, finishes
 * every call: nothing lost, one record per call, and every event of a call is the same event.
 */
class KillAndRestartIT {

    static final String ACCOUNT = "it-account";
    static final int CALLS = 40;
    static String kafka;
    static String jdbcUrl;
    static TrackerProcess simulator;
    static KafkaCompanion companion;

    @BeforeAll
    static void startSimulatorProcess() throws Exception {
        kafka = LocalKafka.bootstrapServers();
        jdbcUrl = LocalPostgres.freshDatabase("exotel_tracker_it");
        companion = new KafkaCompanion(kafka);
        simulator = TrackerProcess.simulator("simulator", 18190, Map.of("simulator.rate-limit-per-minute", "0"),
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        simulator.close();
        companion.close();
    }

    @Test
    void aSecondTrackerFinishesEveryCallOfAKilledOne() throws Exception {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String sid = newCallSid();
            RestAssured.given().baseUri(simulator.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("sid", sid, "account_sid", ACCOUNT, "ring_ms", 500, "talk_ms", 1000 + 150 * i,
                            "post_processing_ms", 500))
                    .post("/simulator/calls").then().statusCode(201);
            sids.add(sid);
        }
        try (CompletedEvents events = new CompletedEvents(companion, "exotel.calls.completed")) {
            TrackerProcess first = TrackerProcess.start("tracker-1", 18191, 19191, trackerProps("tracker-1"));
            for (String sid : sids) {
                companion.produceStrings().fromRecords(new ProducerRecord<>("exotel.calls.created", sid, sid));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM call_record") >= 5);
            first.kill();
            long finishedByFirst = count("SELECT count(*) FROM call_record");
            assertThat(finishedByFirst).as("the first tracker was killed mid-flight").isLessThan(CALLS);

            try (TrackerProcess second = TrackerProcess.start("tracker-2", 18192, 19192, trackerProps("tracker-2"))) {
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> sids.stream().allMatch(sid -> !events.recordsFor(sid).isEmpty()));
            }
            for (String sid : sids) {
                Set<String> eventIds = events.eventsFor(sid).stream().map(e -> e.path("event_id").asText()).collect(Collectors.toSet());
                assertThat(eventIds).as("events of " + sid).hasSize(1);
                JsonNode event = events.eventsFor(sid).get(0);
                assertThat(event.path("outcome").asText()).isEqualTo("terminal");
                assertThat(event.path("status").asText()).isEqualTo("completed");
            }
            assertThat(count("SELECT count(*) FROM call_record")).isEqualTo(CALLS);
            assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(CALLS);
            assertThat(count("SELECT count(*) FROM tracked_call WHERE outcome IS NULL")).isZero();
        }
    }

    private static Map<String, String> common() {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka);
        props.put("quarkus.datasource.jdbc.url", jdbcUrl);
        props.put("quarkus.datasource.username", LocalPostgres.USER);
        props.put("exotel.account-sid", ACCOUNT);
        props.put("exotel.api-key", "sim-key");
        props.put("exotel.api-token", "sim-token");
        props.put("exotel.base-url", "http://localhost:18190");
        return props;
    }

    private static Map<String, String> trackerProps(String instance) {
        Map<String, String> props = common();
        props.put("tracker.instance-id", instance);
        // Per-call polling: this test is about claims surviving a kill, not about end-detection.
        props.put("tracker.bulk.enabled", "false");
        props.put("tracker.poll-initial-delay", "200ms");
        props.put("tracker.poll-interval", "200ms");
        props.put("tracker.poll-min-interval", "200ms");
        props.put("tracker.poll-max-interval", "1s");
        props.put("tracker.claim-interval", "1s");
        props.put("tracker.claim-lease", "3s");
        props.put("tracker.outbox.interval", "1s");
        props.put("tracker.outbox.send-timeout", "5s");
        props.put("mp.messaging.incoming.calls-created.session.timeout.ms", "6000");
        props.put("mp.messaging.incoming.calls-created.heartbeat.interval.ms", "1000");
        return props;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
