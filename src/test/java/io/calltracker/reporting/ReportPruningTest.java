package io.calltracker.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The range reports of migration V26 read only the call_record partitions their days can have been
 * finalised in, as PostgreSQL's plan shows (EXPLAIN); a filter on the day of the _ist views, the only
 * way to ask for a range before V26, reads every partition (issue 11, item 7).
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class ReportPruningTest {

    static final List<String> RANGE_REPORTS = List.of("call_volume_daily", "call_status_daily", "talk_time_daily",
            "dtmf_choices_daily");
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    /** Two months back, away from the months the running tracker writes to and from today's date. */
    private final YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);

    /** The month before, the month itself and the month after are partitioned (made again if a test dropped them). */
    @BeforeEach
    void partitionTheMonthsAround() {
        for (YearMonth m : List.of(month.minusMonths(1), month, month.plusMonths(1))) {
            Rows.count(dataSource, "SELECT count(call_record_create_partition(?))", m.atDay(1));
        }
    }

    @Test
    void aRangeWithinOneMonthReadsOnlyThatMonthsPartition() throws SQLException {
        LocalDate from = month.atDay(10);
        LocalDate to = month.atDay(12);

        for (String report : RANGE_REPORTS) {
            assertThat(partitionsRead("SELECT * FROM " + report + "('Asia/Kolkata', DATE '" + from + "', DATE '" + to + "')"))
                    .as(report).containsExactly(partition(month));
        }
    }

    @Test
    void aRangeEndingAMonthReadsTheNextMonthsPartitionForCallsFinalisedAfterIt() throws SQLException {
        LocalDate last = month.atEndOfMonth();

        assertThat(partitionsRead("SELECT * FROM call_volume_daily('Asia/Kolkata', DATE '" + last + "', DATE '" + last + "')"))
                .containsExactlyInAnyOrder(partition(month), partition(month.plusMonths(1)));
    }

    @Test
    void aDayFilterOnTheViewsReadsEveryPartition() throws SQLException {
        String days = "day BETWEEN DATE '" + month.atDay(10) + "' AND DATE '" + month.atDay(12) + "'";

        Set<String> all = allPartitions();
        assertThat(all).contains(partition(month)).hasSizeGreaterThan(3);
        for (String report : RANGE_REPORTS) {
            assertThat(partitionsRead("SELECT * FROM " + report + "_ist WHERE " + days)).as(report).isEqualTo(all);
        }
    }

    @Test
    void aRangeRelativeToTodayIsPrunedWhenTheQueryStarts() throws SQLException {
        // current_date is known only when the query runs: the plan keeps every partition, the executor
        // removes those the range cannot touch before reading any.
        JsonNode plan = plan("SELECT * FROM call_volume_daily('Asia/Kolkata', current_date - 1, current_date)");

        assertThat(relations(plan, new TreeSet<>())).doesNotContain(partition(month));
        assertThat(plan.findValues("Subplans Removed")).isNotEmpty();
    }

    private Set<String> partitionsRead(String sql) throws SQLException {
        return relations(plan(sql), new TreeSet<>());
    }

    private JsonNode plan(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            rs.next();
            return JSON.readTree(rs.getString(1));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table a plan scans: the partitions of call_record it was not able to leave out. */
    private static Set<String> relations(JsonNode plan, Set<String> names) {
        plan.findValues("Relation Name").forEach(name -> names.add(name.asText()));
        return names;
    }

    private Set<String> allPartitions() throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'call_record'::regclass")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String partition(YearMonth month) {
        return String.format("call_record_p%04d_%02d", month.getYear(), month.getMonthValue());
    }
}
