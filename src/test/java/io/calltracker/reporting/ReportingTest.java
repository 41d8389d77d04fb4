package io.calltracker.reporting;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The reporting SQL of migrations V21 and V26 over records the real pipeline wrote: calls are played by the
 * simulator, enter through Kafka and are tracked to the end. Each test uses its own virtual number
 * or flow, so the other tests' calls in the same database do not change its figures.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class ReportingTest extends PipelineHarness {

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    @Inject
    CallSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    /** The calls of a test are created within seconds; this keeps them on one IST day. */
    @BeforeEach
    void notAtIstMidnight() throws InterruptedException {
        LocalTime now = LocalTime.now(IST);
        if (now.isAfter(LocalTime.of(23, 59))) {
            Thread.sleep(Duration.between(now, LocalTime.MAX).toMillis() + 2_000);
        }
    }

    @Test
    void callsAndAnswerRatePerDayVirtualNumberDirectionAndStatus() throws SQLException {
        String number = uniqueVirtualNumber();
        track(call(number, "outbound", "completed"), call(number, "outbound", "completed"),
                call(number, "outbound", "completed"), call(number, "outbound", "to_leg_unanswered"),
                call(number, "outbound", "from_leg_cancelled"),
                call(number, "inbound", "completed"), call(number, "inbound", "from_leg_unanswered"));
        String today = LocalDate.now(IST).toString();

        assertThat(rows("SELECT day, account_sid, direction, calls, answered, answer_rate FROM call_volume_daily_ist"
                + " WHERE virtual_number = ?", number)).containsExactlyInAnyOrder(
                today + " test-account outbound 5 3 0.6000",
                today + " test-account inbound 2 1 0.5000");
        assertThat(rows("SELECT day, direction, status, calls, share FROM call_status_daily_ist"
                + " WHERE virtual_number = ?", number)).containsExactlyInAnyOrder(
                today + " outbound completed 3 0.6000",
                today + " outbound to_leg_unanswered 1 0.2000",
                today + " outbound from_leg_cancelled 1 0.2000",
                today + " inbound completed 1 0.5000",
                today + " inbound from_leg_unanswered 1 0.5000");
    }

    @Test
    void aReportTakesItsDaysInTheZoneItIsGiven() throws SQLException {
        String number = uniqueVirtualNumber();
        track(call(number, "outbound", "completed"), call(number, "outbound", "to_leg_unanswered"));
        ZoneId zone = zoneOnAnotherDayThanIst();
        LocalDate dayThere = LocalDate.now(zone);
        assertThat(dayThere).isNotEqualTo(LocalDate.now(IST));

        assertThat(rows("SELECT day, calls, answered, answer_rate FROM call_volume_daily(?) WHERE virtual_number = ?",
                zone.getId(), number)).containsExactly(dayThere + " 2 1 0.5000");
        assertThat(rows("SELECT day, status, calls FROM call_status_daily(?) WHERE virtual_number = ?",
                zone.getId(), number)).containsExactlyInAnyOrder(dayThere + " completed 1", dayThere + " to_leg_unanswered 1");
    }

    @Test
    void talkTimeTotalsAndPercentilesCoverAnsweredCallsOnly() throws SQLException {
        String number = uniqueVirtualNumber();
        track(call(number, "outbound", "completed").talk(Duration.ofSeconds(2)),
                call(number, "outbound", "completed").talk(Duration.ofSeconds(3)),
                call(number, "outbound", "completed").talk(Duration.ofSeconds(5)),
                call(number, "outbound", "to_leg_unanswered"));

        List<Map<String, String>> talk = table("SELECT * FROM talk_time_daily_ist WHERE virtual_number = ?", number);

        assertThat(talk).hasSize(1);
        Map<String, String> row = talk.get(0);
        assertThat(row).containsEntry("day", LocalDate.now(IST).toString()).containsEntry("direction", "outbound")
                .containsEntry("answered", "3").containsEntry("total_talk_seconds", "10")
                .containsEntry("mean_talk_seconds", "3.33");
        // percentile_cont interpolates: p50 of 2, 3, 5 is 3; p90 is 3 + 0.8 × 2; p99 is 3 + 0.98 × 2.
        assertThat(Double.parseDouble(row.get("p50_talk_seconds"))).isCloseTo(3.0, within(1e-9));
        assertThat(Double.parseDouble(row.get("p90_talk_seconds"))).isCloseTo(4.6, within(1e-9));
        assertThat(Double.parseDouble(row.get("p99_talk_seconds"))).isCloseTo(4.96, within(1e-9));
    }

    @Test
    void dtmfChoicesPerFlowSplitTheDigitsIntoSteps() throws SQLException {
        String flow = "flow-" + newCallSid().substring(0, 8);
        track(ivr(flow, "1-2"), ivr(flow, "1-3-#"), ivr(flow, "2"), ivr(flow, "1-2"), ivr(flow, null));
        String today = LocalDate.now(IST).toString();

        assertThat(rows("SELECT day, app_name, step, choice, calls, share FROM dtmf_choices_daily_ist WHERE app_id = ?",
                flow)).containsExactlyInAnyOrder(
                today + " Sales IVR 1 1 3 0.7500",
                today + " Sales IVR 1 2 1 0.2500",
                today + " Sales IVR 2 2 2 0.6667",
                today + " Sales IVR 2 3 1 0.3333",
                today + " Sales IVR 3 # 1 1.0000");
    }

    @Test
    void theStatusReportTellsOutcomesApartWhereExotelGaveNoStatus() throws SQLException {
        String number = uniqueVirtualNumber();
        String neverShown = newCallSid();
        track(call(number, "outbound", "completed"));
        send(neverShown, neverShown); // the simulator does not know it: 404 until not_found
        assertThat(awaitEvent(neverShown).path("outcome").asText()).isEqualTo("not_found");
        String today = LocalDate.now(IST).toString();

        assertThat(rows("SELECT day, outcome, status, calls FROM call_status_daily_ist WHERE virtual_number = ?", number))
                .containsExactly(today + " terminal completed 1");
        // Other tests' not_found calls share today's row: it must count what call_record holds, seen at one moment.
        List<String> notFound = inOneSnapshot(
                "SELECT coalesce(sum(calls), 0) FROM call_status_daily_ist WHERE day = '" + today + "' AND outcome = 'not_found'",
                "SELECT count(*) FROM call_record WHERE outcome = 'not_found'"
                        + " AND report_day(created_time, first_seen_at, 'Asia/Kolkata') = '" + today + "'",
                "SELECT count(*) FROM call_status_daily_ist WHERE outcome IS NULL");
        assertThat(Long.parseLong(notFound.get(0))).isGreaterThanOrEqualTo(1).isEqualTo(Long.parseLong(notFound.get(1)));
        assertThat(notFound.get(2)).as("every row names its outcome").isEqualTo("0");
    }

    @Test
    void theRangeReportsGiveTheViewsFiguresForTheirDays() throws SQLException {
        String number = uniqueVirtualNumber();
        String flow = "flow-" + newCallSid().substring(0, 8);
        track(call(number, "outbound", "completed").talk(Duration.ofSeconds(1)), call(number, "outbound", "to_leg_unanswered"),
                call(number, "inbound", "completed"), ivr(flow, "1-2"), ivr(flow, "3"));
        String today = "DATE '" + LocalDate.now(IST) + "'";
        String range = "('Asia/Kolkata', " + today + ", " + today + ")";

        for (String report : List.of("call_volume_daily", "call_status_daily", "talk_time_daily")) {
            List<String> viewed = rows("SELECT * FROM " + report + "_ist WHERE day = " + today + " AND virtual_number = ?", number);
            assertThat(viewed).as(report).isNotEmpty();
            assertThat(rows("SELECT * FROM " + report + range + " WHERE virtual_number = ?", number)).as(report)
                    .containsExactlyInAnyOrderElementsOf(viewed);
        }
        List<String> choices = rows("SELECT * FROM dtmf_choices_daily_ist WHERE day = " + today + " AND app_id = ?", flow);
        assertThat(choices).hasSize(3);
        assertThat(rows("SELECT * FROM dtmf_choices_daily" + range + " WHERE app_id = ?", flow))
                .containsExactlyInAnyOrderElementsOf(choices);
    }

    @Test
    void callsInFlightAreListedWithTheirAgeUntilTheyFinish() throws SQLException {
        Instant before = Instant.now();
        List<String> sids = start(List.of(
                SimulatedCallSpec.forAccount(ACCOUNT).ring(Duration.ofSeconds(6)).talk(Duration.ofSeconds(1))
                        .postProcessing(Duration.ofMillis(200)),
                SimulatedCallSpec.forAccount(ACCOUNT).ring(Duration.ofSeconds(6)).talk(Duration.ofSeconds(1))
                        .postProcessing(Duration.ofMillis(200))));
        await().atMost(WAIT).until(() -> inFlight(sids).size() == 2);
        List<Map<String, String>> calls = inFlight(sids);
        Duration sinceSent = Duration.between(before, Instant.now());

        for (Map<String, String> call : calls) {
            assertThat(call).containsEntry("account_sid", ACCOUNT);
            assertThat(call.get("phase")).isNotBlank();
            assertThat(seconds(call.get("age_seconds"))).isBetween(0.0, sinceSent.toMillis() / 1000.0 + 1);
        }
        // Other tests' calls may be in flight too: the summary covers at least these two.
        Map<String, String> summary = table("SELECT sum(calls) AS calls, extract(epoch FROM max(oldest_age)) AS oldest_seconds"
                + " FROM calls_in_flight_summary WHERE account_sid = ?", ACCOUNT).get(0);
        assertThat(Long.parseLong(summary.get("calls"))).isGreaterThanOrEqualTo(2);
        assertThat(seconds(summary.get("oldest_seconds")))
                .isGreaterThanOrEqualTo(calls.stream().mapToDouble(call -> seconds(call.get("age_seconds"))).max().orElseThrow());

        sids.forEach(PipelineHarness::awaitEvent);
        assertThat(inFlight(sids)).isEmpty();
    }

    static SimulatedCallSpec.Builder call(String virtualNumber, String direction, String status) {
        return SimulatedCallSpec.forAccount(ACCOUNT).virtualNumber(virtualNumber).direction(direction).status(status)
                .ring(Duration.ofMillis(200)).talk(Duration.ofMillis(300)).postProcessing(Duration.ofMillis(200));
    }

    static SimulatedCallSpec.Builder ivr(String appId, String digits) {
        return call("+918000000000", "inbound", "completed").app(appId, "Sales IVR").digits(digits);
    }

    /** Plays the calls, sends their SIDs to the intake topic and waits until each is published finished. */
    void track(SimulatedCallSpec.Builder... calls) {
        start(List.of(calls)).forEach(PipelineHarness::awaitEvent);
    }

    List<String> start(List<SimulatedCallSpec.Builder> calls) {
        List<String> sids = new ArrayList<>();
        for (SimulatedCallSpec.Builder call : calls) {
            String sid = newCallSid();
            simulator.register(call.sid(sid).build());
            send(sid, sid);
            sids.add(sid);
        }
        return sids;
    }

    List<Map<String, String>> inFlight(List<String> sids) throws SQLException {
        return table("SELECT call_sid, account_sid, phase, extract(epoch FROM age) AS age_seconds FROM calls_in_flight"
                + " WHERE call_sid = ANY (?)", (Object) sids.toArray(String[]::new));
    }

    static String uniqueVirtualNumber() {
        return "+9180" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    /**
     * A zone whose date differs from IST's now and is at least half an hour from its midnight: UTC-12
     * (still yesterday there) until 16:00 IST, then Kiribati's UTC+14 (already tomorrow).
     */
    static ZoneId zoneOnAnotherDayThanIst() {
        return LocalTime.now(IST).isBefore(LocalTime.of(16, 0)) ? ZoneId.of("Etc/GMT+12") : ZoneId.of("Pacific/Kiritimati");
    }

    static double seconds(String value) {
        return Double.parseDouble(value);
    }

    /** The first column of each query's first row, all read in one REPEATABLE READ snapshot. */
    List<String> inOneSnapshot(String... queries) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<String> values = new ArrayList<>();
            for (String query : queries) {
                try (PreparedStatement s = c.prepareStatement(query); ResultSet result = s.executeQuery()) {
                    result.next();
                    values.add(result.getString(1));
                }
            }
            c.rollback();
            return values;
        }
    }

    /** Each row's columns joined by spaces, for exact comparisons. */
    List<String> rows(String sql, Object... parameters) throws SQLException {
        return table(sql, parameters).stream().map(row -> String.join(" ", row.values())).toList();
    }

    List<Map<String, String>> table(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, parameter);
                }
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (ResultSet result = s.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        row.put(columns.getColumnLabel(column), result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
