package io.calltracker.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.resilience.HostileBurst.HostileInput;
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
 * rate limit below our share (as a busy dialer would), lets Exotel answer only 500s and timeouts and
 * mixes a burst of hostile input into the traffic, while a liveness probe watches every tracker. Then it counts.
 * {@code FaultSuiteIT} runs a short version in {@code make test}; {@code make faults} a longer one.
 */
final class FaultSuite implements AutoCloseable {

    static final String ACCOUNT = "fault-account";
    static final int SHARE = 150;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(30);

    /**
     * A call's outcome may come this long after its max age: the age is checked at the call's next
     * poll, which may wait for a claim lease (5 s) of a killed tracker, an open circuit (3 s), the
     * longest poll interval (4 s) and a busy machine.
     */
    static final Duration OUTCOME_SLACK = Duration.ofSeconds(30);

    /**
     * @param callGap         a new call (and, during the hostile burst, a hostile record) every this long, until the last fault is over
     * @param step            the pause between two faults
     * @param exotelOutage    Exotel answers only 500s (first half) and timeouts (second half) this long; zero: not at all
     * @param maxTrackingAge  the trackers' max-tracking-age: shorter than the Exotel outage, so calls reach it
     */
    record Settings(Duration callGap, int kills, Duration step, Duration databaseOutage, Duration kafkaOutage,
                    Duration exotelOutage, Duration maxTrackingAge, Duration maxWait) {

        /** {@code make test}: one hostile burst and one outage longer than the consumer's old 60 s limit. */
        static Settings quick() {
            return new Settings(Duration.ofSeconds(2), 5, Duration.ofSeconds(8), Duration.ofSeconds(70),
                    Duration.ofSeconds(6), Duration.ZERO, Duration.ofMinutes(4), Duration.ofMinutes(6));
        }

        /** Every fault of {@code make faults}, shortened (about 15 minutes): {@code make faults FAULTS=short}. */
        static Settings shortened() {
            return new Settings(Duration.ofSeconds(2), 5, Duration.ofSeconds(10), Duration.ofSeconds(75),
                    Duration.ofSeconds(75), Duration.ofMinutes(3), Duration.ofMinutes(2), Duration.ofMinutes(8));
        }

        /** {@code make faults}: long outages (about 30 minutes). */
        static Settings full() {
            return new Settings(Duration.ofSeconds(2), 5, Duration.ofSeconds(30), Duration.ofMinutes(3),
                    Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(4), Duration.ofMinutes(20));
        }

        static Settings named(String name) {
            return switch (name) {
                case "quick" -> quick();
                case "short" -> shortened();
                case "full" -> full();
                default -> throw new IllegalArgumentException("fault profile must be quick, short or full, not " + name);
            };
        }
    }

    private final Settings settings;
    private final Random random = new Random(42);
    private final Ports ports;
    private final EmbeddedDatabase database;
    private final Map<String, TrackerProcess> trackers = new HashMap<>();
    private final Map<String, Instant> faultEnds = new LinkedHashMap<>();
    private final List<HostileInput> hostile = java.util.Collections.synchronizedList(new ArrayList<>());
    private final LivenessWatch liveness = new LivenessWatch();
    private volatile boolean intakeOpen = true;
    private TrackerProcess simulator;
    private KafkaCompanion kafka;
    private String bootstrap;
    private int restarts;
    private int exotelOutageRequests = -1;
    private final Map<String, Instant> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
    private Instant databaseDownAt;
    private Instant databaseUpAt;
    /** The suite's first restart of a tracker after the database came back: intake must have resumed before it. */
    private Instant firstRestartAfterDatabase;

    FaultSuite(Settings settings, Ports ports) {
        this.settings = settings;
        this.ports = ports;
        this.database = new EmbeddedDatabase(ports.database(), Path.of("target", "faults", "pg"));
    }

    /**
     * Fixed ports (the processes are restarted on the same address), one set for {@code make test}'s
     * quick run and one for {@code make faults}, so the two can run side by side on one machine; each
     * tracker has its public port and its management port (health, metrics).
     */
    record Ports(int database, int simulator, int trackerA, int trackerB, int managementA, int managementB) {
        static final Ports TEST = new Ports(15433, 18390, 18391, 18392, 19391, 19392);
        static final Ports MAKE_FAULTS = new Ports(15533, 18490, 18491, 18492, 19491, 19492);
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
        simulator = TrackerProcess.simulator("faults-simulator", ports.simulator(), Map.of(), Duration.ofSeconds(60));
        faults("{\"rate_limit_per_minute\": 200, \"error_rate\": 0.03}");
        startTracker("a");
        startTracker("b");

        List<String> sids = java.util.Collections.synchronizedList(new ArrayList<>());
        try (CompletedEvents events = new CompletedEvents(kafka, "exotel.calls.completed");
             CompletedEvents dead = new CompletedEvents(kafka, "exotel.calls.created.dlq")) {
            Instant start = Instant.now();
            Thread producer = new Thread(() -> registerAndProduce(sids), "fault-suite-intake");
            producer.start();
            injectFaults();
            intakeOpen = false;
            producer.join();
            List<String> all = List.copyOf(sids);
            waitUpTo(settings.maxWait(), () -> all.stream().allMatch(sid -> !events.recordsFor(sid).isEmpty()));
            waitUpTo(Duration.ofMinutes(1), () -> hostile.stream().allMatch(input -> ended(input, events, dead)));
            return figures(all, events, dead, Duration.between(start, Instant.now()));
        }
    }

    /** Waits for the condition; if it never comes, the figures say what is missing. */
    private static void waitUpTo(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException counted) {
            System.err.println("fault suite: gave up waiting after " + atMost + "; the figures show what is missing");
        }
    }

    /** One fault after another, a step apart, while calls keep arriving and finishing around every one. */
    private void injectFaults() throws Exception {
        Duration step = settings.step();
        int kills = 0;
        pause(step);
        kills += killAndRestart("a");
        faults("{\"rate_limit_per_minute\": 10}");
        pause(step);
        faults("{\"rate_limit_per_minute\": 200}");
        faultEnds.put("Exotel rate limit squeezed to 10/min", Instant.now());
        kills += killAndRestart("b");
        pause(step);
        databaseDownAt = Instant.now();
        database.stop();
        pause(settings.databaseOutage());
        database.start();
        databaseUpAt = Instant.now();
        faultEnds.put("PostgreSQL down " + seconds(settings.databaseOutage()), Instant.now());
        pause(step);
        LocalKafka.stopBroker();
        pause(settings.kafkaOutage());
        LocalKafka.startBroker();
        faultEnds.put("Kafka broker down " + seconds(settings.kafkaOutage()), Instant.now());
        pause(step);
        liveness.unwatch("a");
        firstRestartAfterDatabase = Instant.now();
        trackers.get("a").terminate();
        startTracker("a");
        faultEnds.put("SIGTERM tracker a, restarted", Instant.now());
        if (!settings.exotelOutage().isZero()) {
            pause(step);
            exotelOutage();
        }
        while (kills < settings.kills()) {
            pause(step);
            kills += killAndRestart(kills % 2 == 0 ? "a" : "b");
        }
        pause(step);
    }

    /** Exotel answers every request with a 500, then lets every request time out; the circuit breakers must hold the requests down. */
    private void exotelOutage() {
        int before = exotelRequests();
        Duration half = settings.exotelOutage().dividedBy(2);
        faults("{\"error_rate\": 1.0}");
        pause(half);
        faults("{\"error_rate\": 0.0, \"latency_ms\": " + READ_TIMEOUT.plusSeconds(1).toMillis() + "}");
        pause(settings.exotelOutage().minus(half));
        faults("{\"error_rate\": 0.03, \"latency_ms\": 0}");
        exotelOutageRequests = exotelRequests() - before;
        faultEnds.put("Exotel 500s/timeouts " + seconds(settings.exotelOutage()), Instant.now());
    }

    private int killAndRestart(String name) throws Exception {
        liveness.unwatch(name);
        trackers.get(name).kill();
        startTracker(name);
        faultEnds.put("kill -9 tracker " + name + " #" + (++restarts), Instant.now());
        return 1;
    }

    private void startTracker(String name) throws Exception {
        boolean a = name.equals("a");
        TrackerProcess tracker = TrackerProcess.start("faults-tracker-" + name, a ? ports.trackerA() : ports.trackerB(),
                a ? ports.managementA() : ports.managementB(), trackerProps(name));
        trackers.put(name, tracker);
        liveness.watch(name, tracker);
    }

    /**
     * Each call is registered on the simulator when its SID is sent, as a dialer would: it is in flight
     * during the faults. From the fifth call on, each call is followed by one hostile record until the
     * burst is spent, so hostile and good records share the partitions.
     */
    private void registerAndProduce(List<String> sids) {
        List<HostileInput> burst = HostileBurst.inputs(this::register);
        for (int i = 0; intakeOpen; i++) {
            String sid = register();
            sids.add(sid);
            send(sid, i % 3 == 0 ? "{\"call_sid\": \"" + sid + "\", \"metadata\": {\"n\": " + i + "}}" : sid);
            sentAt.put(sid, Instant.now());
            if (i % 10 == 0) {
                send(sid, sid);
            }
            int next = i - 5;
            if (next >= 0 && next < burst.size()) {
                hostile.add(burst.get(next));
                send(burst.get(next).key(), burst.get(next).value());
            }
            pause(settings.callGap());
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

    /** As a dialer would: a record the broker did not take (it is away) is sent again until it is taken. */
    private void send(String key, String value) {
        while (true) {
            try {
                kafka.produceStrings().withProp("max.request.size", "4194304")
                        .fromRecords(new ProducerRecord<>("exotel.calls.created", key, value)).awaitCompletion(Duration.ofMinutes(3));
                return;
            } catch (RuntimeException | AssertionError brokerAway) {
                // The companion reports a send that failed (e.g. topic metadata unavailable) as an AssertionError.
                System.err.println("fault suite: intake record not taken (" + brokerAway.getMessage() + "), sending again");
            }
        }
    }

    /** A hostile record ends on the dead-letter topic, or, if it names a real call, as that call tracked. */
    private static boolean ended(HostileInput input, CompletedEvents events, CompletedEvents dead) {
        return !dead.recordsFor(input.key()).isEmpty() || (input.callSid() != null && !events.recordsFor(input.callSid()).isEmpty());
    }

    private Figures figures(List<String> sids, CompletedEvents events, CompletedEvents dead, Duration elapsed) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int lost = 0;
        int sameEventRedelivered = 0;
        int conflictingEvents = 0;
        int afterMaxAge = 0;
        int sentWhileDatabaseAway = 0;
        int trackedWithoutRestart = 0;
        List<Instant> eventTimes = new ArrayList<>();
        for (String sid : sids) {
            List<JsonNode> forCall = events.eventsFor(sid);
            events.recordsFor(sid).forEach(r -> eventTimes.add(Instant.ofEpochMilli(r.timestamp())));
            if (forCall.isEmpty()) {
                lost++;
                sentWhileDatabaseAway += sentAt.get(sid).isAfter(databaseDownAt) && sentAt.get(sid).isBefore(databaseUpAt) ? 1 : 0;
                continue;
            }
            outcomes.merge(forCall.get(0).path("outcome").asText(), 1, Integer::sum);
            Instant sent = sentAt.get(sid);
            if (sent.isAfter(databaseDownAt) && sent.isBefore(databaseUpAt)) {
                sentWhileDatabaseAway++;
                trackedWithoutRestart += firstSeen(forCall.get(0)).isBefore(firstRestartAfterDatabase) ? 1 : 0;
            }
            afterMaxAge += lateOutcome(sid, forCall.get(0)) ? 1 : 0;
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
        JsonNode account = stats().path("requests_by_account").path(ACCOUNT);
        int deadLettered = (int) hostile.stream().filter(input -> !dead.recordsFor(input.key()).isEmpty()).count();
        int tracked = (int) hostile.stream().filter(input -> dead.recordsFor(input.key()).isEmpty() && ended(input, events, dead)).count();
        return new Figures(sids.size(), outcomes, lost, sameEventRedelivered, conflictingEvents,
                settings.maxTrackingAge(), OUTCOME_SLACK, afterMaxAge, sentWhileDatabaseAway, trackedWithoutRestart, hostile.size(), deadLettered, tracked, liveness.counts(),
                account.path("by_status").path("429").asInt(), account.path("requests_inside_retry_after").asInt(-1),
                account.path("peak_per_minute").asInt(), SHARE, account.path("total").asInt(),
                settings.exotelOutage(), exotelOutageRequests, restarts, recovery, elapsed);
    }

    /**
     * An outcome written later than the call's max age (plus {@link #OUTCOME_SLACK}). A max age that
     * passed while PostgreSQL was away is due when the database is back: nothing can be written
     * before (the documented limit). Each late call is printed, so a violation can be looked up.
     */
    private boolean lateOutcome(String sid, JsonNode event) {
        Instant due = firstSeen(event).plus(settings.maxTrackingAge());
        if (due.isAfter(databaseDownAt) && due.isBefore(databaseUpAt)) {
            due = databaseUpAt;
        }
        Instant finalised = Instant.parse(event.path("tracking").path("finalised_at").asText());
        boolean late = finalised.isAfter(due.plus(OUTCOME_SLACK));
        if (late) {
            System.err.printf("fault suite: call %s outcome %s (%s) first seen %s, due %s, written %s%n", sid,
                    event.path("outcome").asText(), event.path("outcome_reason").asText(), firstSeen(event), due, finalised);
        }
        return late;
    }

    /** When the call was stored by intake. */
    private static Instant firstSeen(JsonNode event) {
        return Instant.parse(event.path("tracking").path("first_seen_at").asText());
    }

    private JsonNode stats() {
        return RestAssured.given().baseUri(simulator.baseUrl()).get("/simulator/stats").then().extract().as(JsonNode.class);
    }

    private int exotelRequests() {
        return stats().path("requests_by_account").path(ACCOUNT).path("total").asInt();
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    private Map<String, String> trackerProps(String name) {
        Map<String, String> props = common();
        props.put("tracker.instance-id", "faults-" + name);
        props.put("exotel.rate-share-per-minute", Integer.toString(SHARE));
        // Bulk end-detection on, as in production, at test pace: sweeps meet the same faults as polls.
        props.put("tracker.bulk.sweep-interval", "2s");
        props.put("tracker.bulk.safety-net-interval", "20s");
        props.put("tracker.poll-initial-delay", "1s");
        props.put("tracker.poll-interval", "2s");
        props.put("tracker.poll-min-interval", "1s");
        props.put("tracker.poll-max-interval", "4s");
        props.put("tracker.not-found-grace", "30s");
        props.put("tracker.max-tracking-age", settings.maxTrackingAge().toSeconds() + "s");
        props.put("exotel.read-timeout", READ_TIMEOUT.toMillis() + "ms");
        props.put("tracker.claim-lease", "5s");
        props.put("tracker.outbox.send-timeout", "5s");
        props.put("tracker.guard.circuit-open-delay", "3s");
        props.put("mp.messaging.incoming.calls-created.session.timeout.ms", "6000");
        props.put("mp.messaging.incoming.calls-created.heartbeat.interval.ms", "1000");
        // Far shorter than the outages: a consumer that stopped polling while intake waits for the
        // database would be thrown out of its group (FaultSuiteIT looks for that in the logs).
        props.put("mp.messaging.incoming.calls-created.max.poll.interval.ms", Long.toString(MAX_POLL_INTERVAL.toMillis()));
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
        props.put("exotel.base-url", "http://localhost:" + ports.simulator());
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
        liveness.close();
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
