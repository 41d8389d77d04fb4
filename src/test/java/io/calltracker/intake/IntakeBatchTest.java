package io.calltracker.intake;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Good, bad and repeated records produced together, so the consumer takes them in one batch: each
 * good SID becomes exactly one tracked call (the first of its records counts), only the bad records
 * reach the dead-letter topic, each with its reason, its original key and value, and where it came from.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class IntakeBatchTest extends PipelineHarness {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aMixedBatchTracksEachGoodSidOnceAndDeadLettersOnlyTheBadRecords() throws SQLException {
        String withMetadata = newCallSid();
        String plain = newCallSid();
        String badSid = "bad-" + newCallSid();
        String ghostAccount = "bad-" + newCallSid();
        String ghostValue = "{\"call_sid\":\"" + newCallSid() + "\",\"account_sid\":\"ghost-account\"}";
        // One partition and one send: the records reach the consumer in the same poll.
        kafka.produceStrings().fromRecords(
                record(withMetadata, "{\"call_sid\":\"" + withMetadata + "\",\"metadata\":{\"n\":1}}"),
                record(badSid, "{\"call_sid\": \"../../admin\"}"),
                record(plain, plain),
                record(withMetadata, "{\"call_sid\":\"" + withMetadata + "\",\"metadata\":{\"n\":2}}"),
                record(ghostAccount, ghostValue),
                record(plain, plain)).awaitCompletion(WAIT);

        await().atMost(WAIT).until(() -> !deadLetters.recordsFor(badSid).isEmpty() && !deadLetters.recordsFor(ghostAccount).isEmpty()
                && !trackedMetadata(withMetadata).isEmpty() && !trackedMetadata(plain).isEmpty());

        assertThat(trackedMetadata(withMetadata)).containsExactly("{\"n\": 1}");
        assertThat(trackedMetadata(plain)).containsExactly((String) null);
        assertThat(deadLetters.recordsFor(withMetadata)).isEmpty();
        assertThat(deadLetters.recordsFor(plain)).isEmpty();
        assertDeadLetter(deadLetters.recordsFor(badSid), "{\"call_sid\": \"../../admin\"}", "call SID must match");
        assertDeadLetter(deadLetters.recordsFor(ghostAccount), ghostValue, "unknown account_sid");
    }

    private static ProducerRecord<String, String> record(String key, String value) {
        return new ProducerRecord<>(CREATED, 0, key, value);
    }

    private static void assertDeadLetter(List<ConsumerRecord<String, String>> copies, String value, String reason) {
        assertThat(copies).hasSize(1);
        ConsumerRecord<String, String> dead = copies.get(0);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(header(dead, "dead-letter-reason")).contains(reason);
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(CREATED);
        assertThat(header(dead, "dead-letter-partition")).isEqualTo("0");
        assertThat(header(dead, "dead-letter-offset")).isNotBlank();
    }

    /** metadata of every tracked_call row of this SID */
    private List<String> trackedMetadata(String callSid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT metadata::text FROM tracked_call WHERE call_sid = ?")) {
            s.setString(1, callSid);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
