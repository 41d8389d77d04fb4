package io.calltracker.records;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** call_record's monthly partitions on the real PostgreSQL: made ahead, dropped after the retention. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class RecordPartitionsTest {

    @Inject
    RecordPartitions partitions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theCurrentMonthAndTheNextThreeArePartitionedAtStartUpAndOnlyOnce() throws SQLException {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<String> expected = IntStream.rangeClosed(0, 3).mapToObj(i -> partitionName(now.plusMonths(i))).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> partitionNames().containsAll(expected));
        assertThat(partitionNames()).doesNotContain(partitionName(now.plusMonths(4)));
        assertThat(partitions.createAhead(3)).as("a second run").isEmpty();
    }

    @Test
    void retentionDropsPartitionsEntirelyOlderThanTheKeptMonthsAndKeepsTheRest() throws SQLException {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth lastMonth = now.minusMonths(1);
        createPartition(YearMonth.of(2001, 1));
        createPartition(now.minusMonths(2));
        createPartition(lastMonth);
        OffsetDateTime lastMonthStart = lastMonth.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        String firstKept = insertRecord(lastMonthStart);
        String lastDropped = insertRecord(lastMonthStart.minusSeconds(1));
        String ancient = insertRecord(OffsetDateTime.parse("2001-01-15T10:00:00Z"));
        String ancientUnpartitioned = insertRecord(OffsetDateTime.parse("2001-03-15T10:00:00Z"));
        assertThat(partitionOf(ancientUnpartitioned)).isEqualTo("call_record_default");
        for (String sid : List.of(firstKept, ancient, ancientUnpartitioned)) {
            insertLeg(sid);
        }

        List<String> dropped = partitions.dropOlderThan(1);

        assertThat(dropped).containsExactlyInAnyOrder("call_record_p2001_01", partitionName(now.minusMonths(2)));
        assertThat(partitionNames()).contains(partitionName(lastMonth)).doesNotContainAnyElementsOf(dropped);
        assertThat(partitionOf(firstKept)).isEqualTo(partitionName(lastMonth));
        assertThat(partitionOf(lastDropped)).isNull();
        assertThat(partitionOf(ancient)).isNull();
        assertThat(partitionOf(ancientUnpartitioned)).as("old rows in the default partition go too").isNull();
        assertThat(legsOf(firstKept)).isEqualTo(1);
        assertThat(legsOf(ancient)).as("legs go with their record").isZero();
        assertThat(legsOf(ancientUnpartitioned)).as("legs go with their record").isZero();
    }

    @Test
    void keepingZeroMonthsIsRefusedRatherThanDroppingEverything() {
        assertThatThrownBy(() -> partitions.dropOlderThan(0)).isInstanceOf(SQLException.class)
                .hasMessageContaining("keep_months must be at least 1");
    }

    @Test
    void aRecordOfAMonthWithoutPartitionLandsInTheDefaultOneAndMovesIntoItsPartitionOnceMade() throws SQLException {
        String farFuture = insertRecord(OffsetDateTime.parse("2200-06-15T10:00:00Z"));
        assertThat(partitionOf(farFuture)).isEqualTo("call_record_default");

        createPartition(YearMonth.of(2200, 6));

        assertThat(partitionOf(farFuture)).isEqualTo("call_record_p2200_06");
        assertThat(QuarkusTransaction.requiringNew().call(() -> CallRecord.count("callSid", farFuture))).isEqualTo(1);
    }

    static String partitionName(YearMonth month) {
        return String.format("call_record_p%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /** Through the entity, as the finaliser writes records. */
    static String insertRecord(OffsetDateTime finalisedAt) {
        CallRecord record = new CallRecord();
        record.callSid = newCallSid();
        record.accountSid = "test-account";
        record.outcome = "terminal";
        record.recordings = "[]";
        record.firstSeenAt = finalisedAt.minusMinutes(5);
        record.finalisedAt = finalisedAt;
        record.pollCount = 1;
        QuarkusTransaction.requiringNew().run(record::persist);
        return record.callSid;
    }

    void insertLeg(String callSid) throws SQLException {
        query("INSERT INTO call_leg (call_sid, side, position) VALUES (?, 'from', 0) RETURNING call_sid", callSid);
    }

    long legsOf(String callSid) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM call_leg WHERE call_sid = ?", callSid).get(0));
    }

    void createPartition(YearMonth month) throws SQLException {
        query("SELECT call_record_create_partition(?)", LocalDate.of(month.getYear(), month.getMonth(), 1));
    }

    List<String> partitionNames() throws SQLException {
        return query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'call_record'::regclass");
    }

    /** @return the partition holding the call's record, null when there is none */
    String partitionOf(String callSid) throws SQLException {
        List<String> tables = query("SELECT tableoid::regclass::text FROM call_record WHERE call_sid = ?", callSid);
        return tables.isEmpty() ? null : tables.get(0);
    }

    List<String> query(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
