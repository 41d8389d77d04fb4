package io.calltracker.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.ArchiveOn;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.LocalS3;
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
import java.util.HashMap;
import java.util.Map;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With keep-links=false the record keeps the object keys instead of the expiring links, once archived. */
@QuarkusTest
@TestProfile(ArchiveWithoutLinksTest.KeysInsteadOfLinks.class)
@QuarkusTestResource(TrackerTestResources.class)
class ArchiveWithoutLinksTest extends PipelineHarness {

    public static class KeysInsteadOfLinks extends ArchiveOn {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("tracker.recordings.archive.keep-links", "false");
            return config;
        }
    }

    @Inject
    CallSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRecordDropsItsLinksOnceTheRecordingsAreArchived() {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).recordings(2)
                .ring(Duration.ofMillis(200)).talk(Duration.ofMillis(400)).postProcessing(Duration.ofMillis(200))
                .servedRecordings(10_000, Duration.ofMinutes(10), 0).build());
        send(sid, sid);

        JsonNode completion = awaitEvent(sid);
        assertThat(completion.path("recordings")).as("the completion event is sent as before, links and all").hasSize(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> completed.eventsFor(sid).stream()
                .anyMatch(e -> RecordingsArchivedEvent.TYPE.equals(e.path("event_type").asText())));

        assertThat(Rows.value(dataSource, "SELECT recordings::text FROM call_record WHERE call_sid = ?", sid)).isEqualTo("[]");
        JsonNode archive = CompletedEvents.json(Rows.value(dataSource,
                "SELECT recording_archive FROM call_record WHERE call_sid = ?", sid));
        assertThat(archive).hasSize(2);
        for (JsonNode recording : archive) {
            assertThat(LocalS3.sha256(ArchiveOn.BUCKET, recording.path("object_key").asText()))
                    .isEqualTo(recording.path("sha256").asText());
        }
        assertThat(Rows.value(dataSource, "SELECT count(*) FROM recording_archive WHERE call_sid = ? AND source_url IS NOT NULL",
                sid)).isEqualTo("0");
    }
}
