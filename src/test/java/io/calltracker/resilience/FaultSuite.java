package io.calltracker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.EmbeddedDatabase;
import io.calltracker.testing.LocalKafka;
import io.calltracker.testing.TrackerProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite: two tracker processes share one account, one database and one consumer group
 * while the suite kills them (SIGKILL and SIGTERM), stops PostgreSQL and Kafka, squeezes Exotel's
 * rate limit below our share (as a busy dialer would) and sends bad input. Then it counts.
 * {@code FaultSuiteIT} runs a short version in {@code make test}; {@code make faults} a longer one.
 */
final class FaultSuite implements AutoCloseable {

    static final String ACCOUNT = "fault-account";
    static final int SHARE = 150;
    static final int SIM_PORT = 18390;

    record Settings(int calls, int kills, Duration intakeSpread, Duration maxWait) {
        static Settings quick() {
            return new Settings(40, 5, Duration.ofSeconds(80), Duration.ofMinutes(6));
        }

        static Settings full() {
            return new Settings(300, 5, Duration.ofMinutes(5), Duration.ofMinutes(20));
        }
    }

    private final Settings settings;
    private final Random random = new Random(42);
    private final EmbeddedDatabase database = new EmbeddedDatabase(15433, Path.of("target", "faults", "pg"));
    private final Map<String, TrackerProcess> trackers = new HashMap<>();
    private final Map<String, Instant> faultEnds = new LinkedHashMap<>();
    private final List<String> badKeys = new ArrayList<>();
    private TrackerProcess simulator;
    private KafkaCompanion kafka;
    private String bootstrap;
    private int restarts;

    FaultSuite(Settings settings) {
        this.settings = settings;
    }

    Figures run() throws Exception {
        Path work = Path.of("target", "faults");
        if (Files.exists(work.resolve("pg"))) {
            try (var files = Files.walk(work.resolve("pg"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(work);
        database.start();
        bootstrap = LocalKafka.bootstrapServers();
        kafka = new KafkaCompanion(bootstrap);
        simulator = TrackerProcess.start("faults-simulator", SIM_PORT, simulatorProps());
        faults("{\"rate_limit_per_minute\": 200, \"error_rate\": 0.03}");
        startTracker("a");
        startTracker("b");

        List<String> sids = java.util.Collections.synchronizedList(new ArrayList<>());
        try (CompletedEvents events = new CompletedEvents(kafka, "exotel.calls.completed");
             CompletedEvents dead = new CompletedEvents(kafka, "exotel.calls.created.dlq")) {
            Instant start = Instant.now();
            Thread producer = new Thread(() -> registerAndProduce(sids), "fault-suite-intake");
            producer.start();
            injectFaults(producer);
            List<String> all = List.copyOf(sids);
            await().atMost(settings.maxWait()).pollInterval(Duration.ofSeconds(1))
                    .until(() -> all.stream().allMatch(sid -> !events.recordsFor(sid).isEmpty()));
            await().atMost(Duration.ofMinutes(1)).until(() -> badKeys.stream().allMatch(key -> !dead.recordsFor(key).isEmpty()));
            return figures(all, events, dead, Duration.between(start, Instant.now()));
        }
    }

    /** Ten steps spread over the intake period, so calls are arriving and finishing around every fault. */
    private void injectFaults(Thread producer) throws Exception {
        Duration step = settings.intakeSpread().dividedBy(10);
        int kills = 0;
        pause(step);
        kills += killAndRestart("a");
        faults("{\"rate_limit_per_minute\": 10}");
        pause(step);
        faults("{\"rate_limit_per_minute\": 200}");
        faultEnds.put("Exotel rate limit squeezed to 10/min", Instant.now());
        kills += killAndRestart("b");
        pause(step);
        database.stop();
        pause(Duration.ofSeconds(6));
        database.start();
        faultEnds.put("PostgreSQL down 6 s", Instant.now());
        pause(step);
        LocalKafka.stopBroker();
        pause(Duration.ofSeconds(6));
        LocalKafka.startBroker();
        faultEnds.put("Kafka broker down 6 s", Instant.now());
        pause(step);
        trackers.get("a").terminate();
        startTracker("a");
        faultEnds.put("SIGTERM tracker a, restarted", Instant.now());
        while (kills < settings.kills()) {
            pause(step);
            kills += killAndRestart(kills % 2 == 0 ? "a" : "b");
        }
        producer.join();
    }

    private int killAndRestart(String name) throws Exception {
        trackers.get(name).kill();
        startTracker(name);
        faultEnds.put("kill -9 tracker " + name + " #" + (++restarts), Instant.now());
        return 1;
    }

    private void startTracker(String name) throws Exception {
        trackers.put(name, TrackerProcess.start("faults-tracker-" + name, name.equals("a") ? 18391 : 18392, trackerProps(name)));
    }

    /** Each call is registered on the simulator when its SID is sent, as a dialer would: it is in flight during the faults. */
    private void registerAndProduce(List<String> sids) {
        long gapMillis = settings.intakeSpread().toMillis() / Math.max(1, settings.calls());
        List<String> bad = List.of("{\"call_sid\": \"../../x\"}", "", "not a sid", "{\"call_sid\": 42}", "{\"call_sid\": \"abc");
        for (int i = 0; i < settings.calls(); i++) {
            String sid = register();
            sids.add(sid);
            send(sid, i % 3 == 0 ? "{\"call_sid\": \"" + sid + "\", \"metadata\": {\"n\": " + i + "}}" : sid);
            if (i % 10 == 0) {
                send(sid, sid);
            }
            if (i % 6 == 0) {
                String key = "bad-" + newCallSid();
                badKeys.add(key);
                send(key, bad.get((i / 6) % bad.size()));
            }
            pause(Duration.ofMillis(gapMillis));
        }
    }

    private String register() {
        String sid = newCallSid();
        boolean answered = random.nextDouble() < 0.7;
        RestAssured.given().baseUri(simulator.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("sid", sid, "account_sid", ACCOUNT,
                        "status", answered ? "completed" : "to_leg_unanswered",
                        "ring_ms", 1000 + random.nextInt(4000),
                        "talk_ms", answered ? 3000 + random.nextInt(20000) : 0,
                        "post_processing_ms", 1000 + random.nextInt(5000),
                        "invisible_ms", random.nextDouble() < 0.1 ? 1500 : 0))
                .post("/simulator/calls").then().statusCode(201);
        return sid;
    }

    private void send(String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>("exotel.calls.created", key, value)).awaitCompletion(Duration.ofMinutes(2));
    }

    private Figures figures(List<String> sids, CompletedEvents events, CompletedEvents dead, Duration elapsed) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int lost = 0;
        int sameEventRedelivered = 0;
        int conflictingEvents = 0;
        Instant lastEvent = Instant.EPOCH;
        List<Instant> eventTimes = new ArrayList<>();
        for (String sid : sids) {
            List<JsonNode> forCall = events.eventsFor(sid);
            events.recordsFor(sid).forEach(r -> eventTimes.add(Instant.ofEpochMilli(r.timestamp())));
            if (forCall.isEmpty()) {
                lost++;
                continue;
            }
            outcomes.merge(forCall.get(0).path("outcome").asText(), 1, Integer::sum);
            // Count records in the topic (distinct offsets), not what our own consumer happened to re-read.
            Set<String> offsets = new HashSet<>();
            events.recordsFor(sid).forEach(r -> offsets.add(r.partition() + ":" + r.offset()));
            Set<String> distinctPayloads = new HashSet<>();
            forCall.forEach(e -> distinctPayloads.add(e.toString()));
            conflictingEvents += distinctPayloads.size() - 1;
            sameEventRedelivered += offsets.size() - 1;
        }
        eventTimes.sort(null);
        Map<String, Duration> recovery = new LinkedHashMap<>();
        faultEnds.forEach((fault, end) -> recovery.put(fault, eventTimes.stream().filter(t -> t.isAfter(end)).findFirst()
                .map(t -> Duration.between(end, t)).orElse(null)));
        JsonNode stats = RestAssured.given().baseUri(simulator.baseUrl()).get("/simulator/stats").then().extract().as(JsonNode.class);
        JsonNode account = stats.path("requests_by_account").path(ACCOUNT);
        int deadLettered = (int) badKeys.stream().filter(key -> !dead.recordsFor(key).isEmpty()).count();
        return new Figures(sids.size(), outcomes, lost, sameEventRedelivered, conflictingEvents, badKeys.size(), deadLettered,
                account.path("by_status").path("429").asInt(), account.path("requests_inside_retry_after").asInt(-1),
                account.path("peak_per_minute").asInt(), SHARE, account.path("total").asInt(), restarts, recovery, elapsed);
    }

    private Map<String, String> simulatorProps() {
        Map<String, String> props = common();
        props.put("tracker.enabled", "false");
        props.put("mp.messaging.incoming.calls-created.enabled", "false");
        props.put("simulator.enabled", "true");
        return props;
    }

    private Map<String, String> trackerProps(String name) {
        Map<String, String> props = common();
        props.put("tracker.instance-id", "faults-" + name);
        props.put("tracker.rate-share-per-minute", Integer.toString(SHARE));
        // Bulk end-detection on, as in production, at test pace: sweeps meet the same faults as polls.
        props.put("tracker.bulk.sweep-interval", "2s");
        props.put("tracker.bulk.safety-net-interval", "20s");
        props.put("tracker.poll-initial-delay", "1s");
        props.put("tracker.poll-min-interval", "1s");
        props.put("tracker.poll-max-interval", "4s");
        props.put("tracker.not-found-grace", "30s");
        props.put("tracker.max-tracking-age", "30m");
        props.put("tracker.claim-lease", "5s");
        props.put("tracker.outbox-send-timeout", "5s");
        props.put("tracker.circuit-open-delay", "3s");
        props.put("mp.messaging.incoming.calls-created.session.timeout.ms", "6000");
        props.put("mp.messaging.incoming.calls-created.heartbeat.interval.ms", "1000");
        props.put("quarkus.log.category.\"io.calltracker\".level", "DEBUG");
        return props;
    }

    private Map<String, String> common() {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        props.put("quarkus.datasource.username", "postgres");
        props.put("exotel.account-sid", ACCOUNT);
        props.put("exotel.api-key", "sim-key");
        props.put("exotel.api-token", "sim-token");
        props.put("exotel.base-url", "http://localhost:" + SIM_PORT + "/simulator");
        return props;
    }

    private void faults(String json) {
        RestAssured.given().baseUri(simulator.baseUrl()).contentType(ContentType.JSON).body(json)
                .put("/simulator/faults").then().statusCode(200);
    }

    /** Pacing of the fault timeline itself (what happens when), not synchronisation with the system under test. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        trackers.values().forEach(TrackerProcess::close);
        if (simulator != null) {
            simulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        database.close();
    }
}
