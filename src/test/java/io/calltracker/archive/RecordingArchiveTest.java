package io.calltracker.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.ArchiveOn;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.EventSchema;
import io.calltracker.testing.LocalS3;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Recording archival end to end: the simulator serves each recording's bytes behind expiring links, the
 * tracker copies them into a real S3-compatible server (s3proxy, {@link LocalS3}), and the bucket, the
 * database and the topic are checked against what the simulator served.
 */
@QuarkusTest
@TestProfile(ArchiveOn.class)
@QuarkusTestResource(TrackerTestResources.class)
class RecordingArchiveTest extends PipelineHarness {

    private static final String BUCKET = ArchiveOn.BUCKET;
    private static final Duration ARCHIVED_WITHIN = Duration.ofSeconds(60);

    @Inject
    CallSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyRecordingOfFinishedCallsIsStoredByteForByteWithItsChecksum() {
        String small = newCallSid();
        String large = newCallSid();
        // Three recordings under one part, and one of 11 MiB: a multipart upload of three 5 MiB parts.
        simulator.register(call(small, 3).servedRecordings(40_000, Duration.ofMinutes(10), 0).build());
        simulator.register(call(large, 1).servedRecordings(11L * 1024 * 1024, Duration.ofMinutes(10), 0).build());
        send(small, small);
        send(large, large);

        for (String sid : List.of(small, large)) {
            JsonNode event = awaitArchivedEvent(sid);
            List<CallSimulator.RecordingFile> served = simulator.recordings(sid);
            String day = Rows.value(dataSource, "SELECT to_char(created_time AT TIME ZONE 'UTC', 'YYYY/MM/DD') FROM call_record"
                    + " WHERE call_sid = ?", sid);

            assertThat(EventSchema.archivedViolations(event.toString())).isEmpty();
            assertThat(event.toString()).doesNotContain("http").doesNotContain("signature");
            assertThat(event.path("generation").asInt()).isEqualTo(1);
            assertThat(event.path("recordings")).hasSize(served.size());
            for (CallSimulator.RecordingFile file : served) {
                JsonNode archived = event.path("recordings").get(file.index() - 1);
                String key = "recordings/" + ACCOUNT + "/" + day + "/" + sid + "/" + file.index() + ".wav";
                assertThat(archived.path("status").asText()).isEqualTo("archived");
                assertThat(archived.path("object_key").asText()).isEqualTo(key);
                assertThat(archived.path("size_bytes").asLong()).isEqualTo(file.bytes());
                assertThat(archived.path("sha256").asText()).isEqualTo(file.sha256());
                assertThat(LocalS3.sha256(BUCKET, key)).as("bytes in the bucket").isEqualTo(file.sha256());
                assertThat(LocalS3.contentType(BUCKET, key)).isEqualTo("audio/wav");
                assertThat(file.downloads()).as("downloads of recording %d", file.index()).isEqualTo(1);
            }
            assertThat(Rows.value(dataSource, "SELECT count(*) FROM recording_archive WHERE call_sid = ?"
                    + " AND status = 'archived' AND source_url IS NULL AND upload_id IS NULL", sid))
                    .isEqualTo(String.valueOf(served.size()));
            assertThat(CompletedEvents.json(Rows.value(dataSource, "SELECT recording_archive FROM call_record WHERE call_sid = ?",
                    sid))).isEqualTo(event.path("recordings"));
            // The completion event still goes first and the admin view still finds it by its type.
            assertThat(eventTypes(sid)).containsExactly("call.completed", "call.recordings_archived");
            String view = given().auth().oauth2("test-admin-token").get("/admin/calls/" + sid).then().statusCode(200)
                    .body("record.recording_count", equalTo(served.size()))
                    .body("record.recording_archive.sha256", equalTo(served.stream().map(CallSimulator.RecordingFile::sha256).toList()))
                    .extract().asString();
            assertThat(view).as("the admin view shows the copies, not the links").doesNotContain("http").doesNotContain("signature");
        }
        assertThat(LocalS3.objects(BUCKET).stream().filter(o -> o.key().contains(small) || o.key().contains(large)))
                .hasSize(4);
        assertThat(LocalS3.unfinishedUploads(BUCKET)).isEmpty();
        assertThat(LocalS3.leftoverParts(BUCKET)).isEmpty();
    }

    @Test
    void anExpiredLinkIsRefreshedThroughV3OnceAndTheCopySucceeds() {
        String sid = newCallSid();
        simulator.register(call(sid, 1).servedRecordings(20_000, Duration.ofMinutes(10), 1).build());
        send(sid, sid);

        JsonNode recording = awaitArchivedEvent(sid).path("recordings").get(0);

        CallSimulator.RecordingFile served = simulator.recordings(sid).get(0);
        assertThat(recording.path("status").asText()).isEqualTo("archived");
        assertThat(recording.path("sha256").asText()).isEqualTo(served.sha256());
        assertThat(served.refused()).as("the dead link was tried once").isEqualTo(1);
        assertThat(served.downloads()).isEqualTo(1);
        assertThat(Rows.value(dataSource, "SELECT refreshes FROM recording_archive WHERE call_sid = ?", sid)).isEqualTo("1");
        assertThat(LocalS3.sha256(BUCKET, recording.path("object_key").asText())).isEqualTo(served.sha256());
    }

    @Test
    void aLinkThatStaysDeadEndsExpiredWithItsReasonAndNoObject() {
        String sid = newCallSid();
        // Every link v3 hands out for this call is dead already: the first and the refreshed one.
        simulator.register(call(sid, 2).servedRecordings(20_000, Duration.ofMinutes(10), 1_000).build());
        send(sid, sid);

        JsonNode event = awaitArchivedEvent(sid);

        assertThat(EventSchema.archivedViolations(event.toString())).isEmpty();
        for (JsonNode recording : event.path("recordings")) {
            assertThat(recording.path("status").asText()).isEqualTo("expired");
            assertThat(recording.path("reason").asText()).isEqualTo("link answered HTTP 403 after 1 fresh link(s) from v3");
            assertThat(recording.path("sha256").isNull()).isTrue();
        }
        assertThat(simulator.recordings(sid)).allSatisfy(file -> assertThat(file.downloads()).isZero());
        assertThat(Rows.value(dataSource, "SELECT string_agg(status || ':' || refreshes || ':' || last_error, ',')"
                + " FROM recording_archive WHERE call_sid = ?", sid))
                .isEqualTo(String.join(",", List.of("expired:1:link answered HTTP 403 after 1 fresh link(s) from v3",
                        "expired:1:link answered HTTP 403 after 1 fresh link(s) from v3")));
        assertThat(LocalS3.objects(BUCKET).stream().filter(o -> o.key().contains(sid))).isEmpty();
        String metrics = ManagementInterface.metrics();
        assertThat(metrics).contains("tracker_recordings_archive_given_up_total{outcome=\"expired\"}")
                .contains("tracker_recordings_archive_failures_total{reason=\"link_expired\"}");
    }

    @Test
    void anOperatorReArchivesACallIntoTheSameKeysWithANewEvent() {
        String sid = newCallSid();
        simulator.register(call(sid, 1).servedRecordings(30_000, Duration.ofMinutes(10), 0).build());
        send(sid, sid);
        JsonNode first = awaitArchivedEvent(sid);

        given().auth().oauth2("test-admin-token").post("/admin/calls/" + sid + "/recordings/archive")
                .then().statusCode(202).body("recordings_queued", equalTo(1));

        await().atMost(ARCHIVED_WITHIN).until(() -> archivedEvents(sid).size() == 2);
        JsonNode second = archivedEvents(sid).get(1);
        assertThat(second.path("generation").asInt()).isEqualTo(2);
        assertThat(second.path("event_id").asText()).isNotEqualTo(first.path("event_id").asText());
        assertThat(second.path("recordings")).isEqualTo(first.path("recordings"));
        assertThat(simulator.recordings(sid).get(0).downloads()).isEqualTo(2);
        assertThat(LocalS3.objects(BUCKET).stream().filter(o -> o.key().contains(sid))).hasSize(1);
        given().auth().oauth2("test-admin-token").post("/admin/calls/" + newCallSid() + "/recordings/archive")
                .then().statusCode(404);
    }

    @Test
    void metricsExportTheArchivedRecordingsAndTheirBytes() {
        String sid = newCallSid();
        simulator.register(call(sid, 1).servedRecordings(12_345, Duration.ofMinutes(10), 0).build());
        send(sid, sid);
        awaitArchivedEvent(sid);

        String metrics = ManagementInterface.metrics();
        assertThat(metrics).contains("tracker_recordings_archived_total", "tracker_recordings_archived_bytes_total",
                "tracker_recordings_archive_oldest_pending_seconds");
        assertThat(metrics).doesNotContain("signature=").doesNotContain(sid);
    }

    private static SimulatedCallSpec.Builder call(String sid, int recordings) {
        return SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).recordings(recordings)
                .ring(Duration.ofMillis(200)).talk(Duration.ofMillis(400)).postProcessing(Duration.ofMillis(200));
    }

    private static JsonNode awaitArchivedEvent(String sid) {
        await().atMost(ARCHIVED_WITHIN).until(() -> !archivedEvents(sid).isEmpty());
        return archivedEvents(sid).get(0);
    }

    private static List<JsonNode> archivedEvents(String sid) {
        return completed.eventsFor(sid).stream()
                .filter(e -> RecordingsArchivedEvent.TYPE.equals(e.path("event_type").asText())).toList();
    }

    private static List<String> eventTypes(String sid) {
        return completed.eventsFor(sid).stream().map(e -> e.path("event_type").asText()).distinct().toList();
    }
}
