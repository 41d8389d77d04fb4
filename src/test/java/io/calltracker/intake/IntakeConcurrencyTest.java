package io.calltracker.intake;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two intake batches are stored at once, and finishing out of order never moves the committed offset past
 * a batch that is not stored: a batch whose INSERT waits on a lock does not hold up the next one, and
 * the consumer group's offset stays before the waiting batch until it is stored too.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class IntakeConcurrencyTest extends PipelineHarness {

    private static final TopicPartition PARTITION = new TopicPartition(CREATED, 0);
    /** Longer than the throttled strategy's commit interval (auto.commit.interval.ms, 5 s by default). */
    private static final Duration COMMIT_ROUNDS = Duration.ofSeconds(7);

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "mp.messaging.incoming.calls-created.group.id")
    String group;

    @Test
    void aBatchWaitingOnTheDatabaseDoesNotHoldUpTheNextAndKeepsTheCommittedOffsetBeforeIt() throws Exception {
        String contended = newCallSid();
        List<String> second = List.of(newCallSid(), newCallSid());
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // An uncommitted row of the same SID: the tracker's INSERT … ON CONFLICT waits for this transaction.
            try (PreparedStatement s = holder.prepareStatement(
                    "INSERT INTO tracked_call (call_sid, account_sid, next_poll_at) VALUES (?, ?, now() + interval '1 hour')")) {
                s.setString(1, contended);
                s.setString(2, ACCOUNT);
                s.executeUpdate();
            }
            long firstOffset = produce(contended).get(0).offset();
            await().atMost(WAIT).until(this::anIntakeInsertWaitsOnALock);

            RecordMetadata last = produce(second.get(0), second.get(1)).get(1);
            await("the second batch is stored while the first waits").atMost(WAIT).until(() -> tracked(second.get(0)) && tracked(second.get(1)));
            await("no offset committed past the waiting batch's first record")
                    .during(COMMIT_ROUNDS).atMost(COMMIT_ROUNDS.multipliedBy(2)).until(() -> committed() <= firstOffset);
            assertThat(tracked(contended)).isFalse();

            holder.rollback();
            await().atMost(WAIT).until(() -> committed() == last.offset() + 1);
            assertThat(tracked(contended)).isTrue();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<RecordMetadata> produce(String... sids) {
        ProducerRecord<String, String>[] records = Arrays.stream(sids)
                .map(sid -> new ProducerRecord<>(CREATED, 0, sid, sid)).toArray(ProducerRecord[]::new);
        return kafka.produceStrings().fromRecords(records).awaitCompletion(WAIT).getRecords();
    }

    /** The group's committed offset on the partition; 0 when nothing is committed yet. */
    private long committed() {
        OffsetAndMetadata offset = kafka.consumerGroups().offsets(group, PARTITION);
        return offset == null ? 0 : offset.offset();
    }

    private boolean anIntakeInsertWaitsOnALock() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO tracked_call%'
                """); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private boolean tracked(String sid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM tracked_call WHERE call_sid = ?")) {
            s.setString(1, sid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
