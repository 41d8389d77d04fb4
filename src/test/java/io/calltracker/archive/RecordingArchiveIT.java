package io.calltracker.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.LocalKafka;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.LocalS3;
import io.calltracker.testing.TrackerProcess;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SharedSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Archival across processes: the packaged tracker as a child process (so it can be killed with SIGKILL and run
 * with a small heap), with the simulator, s3proxy, Kafka and PostgreSQL of the test JVM.
 */
class RecordingArchiveIT {

    static final String ACCOUNT = "it-archive-account";
    static final String BUCKET = "archive-it";
    static final long MIB = 1024 * 1024;
    static String kafka;
    static String jdbcUrl;
    static KafkaCompanion companion;
    static final CallSimulator simulator = new CallSimulator();

    @BeforeAll
    static void start() {
        kafka = LocalKafka.bootstrapServers();
        jdbcUrl = LocalPostgres.freshDatabase(System.getProperty("test.database", "exotel_tracker_test") + "_it");
        companion = new KafkaCompanion(kafka);
        SharedSimulator.reset();
        LocalS3.createEmptyBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        companion.close();
    }

    /**
     * The first tracker is killed while both recordings of a call are half uploaded (multipart uploads begun,
     * parts written, the transfers slowed by the bandwidth limit); the second takes them over once their leases
     * end, aborts the orphaned uploads and copies each recording again to the same key.
     */
    @Test
    void aTrackerKilledMidUploadIsFinishedByTheNextWithNoLostAndNoDuplicateObject() throws Exception {
        String sid = newCallSid();
        simulator.register(call(sid, 2, 24 * MIB));
        try (CompletedEvents events = new CompletedEvents(companion, "exotel.calls.completed")) {
            Map<String, String> slow = tracker("archive-it-1");
            slow.put("tracker.recordings.archive.bandwidth-bytes-per-second", String.valueOf(4 * MIB));
            TrackerProcess first = TrackerProcess.start("archive-it-1", port(0), managementPort(0), slow);
            companion.produceStrings().fromRecords(new ProducerRecord<>("exotel.calls.created", sid, sid));

            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM recording_archive"
                    + " WHERE call_sid = ? AND upload_id IS NOT NULL", sid) == 2 && LocalS3.unfinishedUploads(BUCKET).size() == 2);
            first.kill();
            assertThat(count("SELECT count(*) FROM recording_archive WHERE call_sid = ? AND status = 'pending'", sid))
                    .as("killed mid-upload").isEqualTo(2);
            assertThat(objectsOf(sid)).as("no object before an upload completes").isEmpty();

            try (TrackerProcess second = TrackerProcess.start("archive-it-2", port(1), managementPort(1), tracker("archive-it-2"))) {
                await().atMost(Duration.ofSeconds(120)).until(() -> archivedEvents(events, sid).size() >= 1);
            }
            List<JsonNode> archived = archivedEvents(events, sid);
            Set<String> eventIds = archived.stream().map(e -> e.path("event_id").asText()).collect(Collectors.toSet());
            assertThat(eventIds).as("one call.recordings_archived event").hasSize(1);
            List<CallSimulator.RecordingFile> served = simulator.recordings(sid);
            assertThat(objectsOf(sid)).as("one object per recording").hasSize(2);
            for (CallSimulator.RecordingFile file : served) {
                JsonNode recording = archived.get(0).path("recordings").get(file.index() - 1);
                assertThat(recording.path("status").asText()).isEqualTo("archived");
                assertThat(LocalS3.sha256(BUCKET, recording.path("object_key").asText())).isEqualTo(file.sha256());
            }
            assertThat(LocalS3.unfinishedUploads(BUCKET)).as("the killed tracker's uploads were aborted").isEmpty();
            assertThat(LocalS3.leftoverParts(BUCKET)).as("no part left behind").isEmpty();
            assertThat(count("SELECT sum(attempts) FROM recording_archive WHERE call_sid = ?", sid))
                    .as("one attempt killed and one completed, per recording").isEqualTo(4);
        }
    }

    /**
     * Two 50 MiB recordings in flight at once in a tracker with a 64 MiB heap: a copy that held a recording
     * whole would die of OutOfMemoryError (and the JVM is told to exit on one), a streaming copy holds one 5 MiB
     * part per transfer.
     */
    @Test
    void memoryStaysFlatWhileFiftyMegabyteRecordingsStreamThroughASmallHeap() throws Exception {
        String sid = newCallSid();
        simulator.register(call(sid, 2, 50 * MIB));
        try (CompletedEvents events = new CompletedEvents(companion, "exotel.calls.completed");
             TrackerProcess tracker = TrackerProcess.start("archive-it-small-heap", port(2), managementPort(2),
                     tracker("archive-it-small-heap"),
                     Duration.ofSeconds(120), "-Xmx64m -XX:+ExitOnOutOfMemoryError")) {
            companion.produceStrings().fromRecords(new ProducerRecord<>("exotel.calls.created", sid, sid));

            await().atMost(Duration.ofSeconds(180)).until(() -> !archivedEvents(events, sid).isEmpty());

            assertThat(tracker.isAlive()).isTrue();
            JsonNode event = archivedEvents(events, sid).get(0);
            for (CallSimulator.RecordingFile file : simulator.recordings(sid)) {
                JsonNode recording = event.path("recordings").get(file.index() - 1);
                assertThat(recording.path("size_bytes").asLong()).isEqualTo(50 * MIB);
                assertThat(recording.path("sha256").asText()).isEqualTo(file.sha256());
                assertThat(LocalS3.sha256(BUCKET, recording.path("object_key").asText())).isEqualTo(file.sha256());
            }
        }
    }

    private static SimulatedCallSpec call(String sid, int recordings, long bytes) {
        return SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).recordings(recordings)
                .ring(Duration.ofMillis(200)).talk(Duration.ofMillis(400)).postProcessing(Duration.ofMillis(200))
                .servedRecordings(bytes, Duration.ofMinutes(30), 0).build();
    }

    private static List<String> objectsOf(String sid) {
        return LocalS3.objects(BUCKET).stream().map(o -> o.key()).filter(key -> key.contains(sid)).toList();
    }

    private static List<JsonNode> archivedEvents(CompletedEvents events, String sid) {
        return events.eventsFor(sid).stream()
                .filter(e -> RecordingsArchivedEvent.TYPE.equals(e.path("event_type").asText())).toList();
    }

    /** The child trackers' HTTP ports: after this session's test port, so parallel sessions do not collide. */
    private static int port(int n) {
        return Integer.getInteger("quarkus.http.test-port", 18081) + 1 + n;
    }

    private static int managementPort(int n) {
        return Integer.getInteger("quarkus.management.test-port", 19081) + 1 + n;
    }

    private static Map<String, String> tracker(String instance) {
        Map<String, String> props = new HashMap<>(LocalS3.trackerSettings(BUCKET));
        props.put("kafka.bootstrap.servers", kafka);
        props.put("quarkus.datasource.jdbc.url", jdbcUrl);
        props.put("quarkus.datasource.username", LocalPostgres.USER);
        props.put("exotel.account-sid", ACCOUNT);
        props.put("exotel.api-key", "sim-key");
        props.put("exotel.api-token", "sim-token");
        props.put("exotel.base-url", SharedSimulator.baseUrl());
        props.put("tracker.instance-id", instance);
        props.put("tracker.bulk.enabled", "false");
        props.put("tracker.poll-initial-delay", "200ms");
        props.put("tracker.poll-interval", "200ms");
        props.put("tracker.poll-min-interval", "200ms");
        props.put("tracker.poll-max-interval", "1s");
        props.put("tracker.claim-interval", "500ms");
        props.put("tracker.claim-lease", "5s");
        props.put("tracker.outbox.interval", "500ms");
        props.put("tracker.recordings.archive.part-size-mib", "5");
        props.put("tracker.recordings.archive.claim-lease", "5s");
        props.put("tracker.recordings.archive.claim-interval", "500ms");
        props.put("mp.messaging.incoming.calls-created.session.timeout.ms", "6000");
        props.put("mp.messaging.incoming.calls-created.heartbeat.interval.ms", "1000");
        return props;
    }

    private static long count(String sql, String sid) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
