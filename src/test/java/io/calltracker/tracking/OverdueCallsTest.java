package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.TestSids;
import io.calltracker.testing.TrackerTestResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, defect 2: the stuck-calls alert must not fire for calls legitimately in flight. It watches
 * tracker_calls_overdue, which counts only calls in flight past max-tracking-age + expiry-interval +
 * claim-lease (in %test: 20 s + 200 ms + 10 s), by account; a call past max age but within that margin
 * is on its way to gave_up and is not counted.
 */
@QuarkusTest
@TestProfile(LoopsOff.class)
@QuarkusTestResource(TrackerTestResources.class)
class OverdueCallsTest {

    /** Accounts of this test alone, so calls other tests leave in flight do not count here. */
    private static final String ACCOUNT = "overdue-probe";
    private static final String OTHER_ACCOUNT = "overdue-probe-2";

    @Inject
    ScheduleMetrics metrics;
    @Inject
    PollSchedule schedule;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry meters;
    @Inject
    TrackerConfig config;

    @Test
    void onlyCallsPastMaxAgeExpiryAndLeaseCountAsOverdue() {
        Duration deadline = ScheduleMetrics.outcomeDeadline(config);
        assertThat(deadline).isEqualTo(config.maxTrackingAge().plus(config.expiryInterval()).plus(config.claimLease()));
        Duration pastMaxAgeOnly = config.maxTrackingAge().plusSeconds(1);
        assertThat(pastMaxAgeOnly).as("the test's premise").isLessThan(deadline);

        inFlightSince(ACCOUNT, Duration.ZERO);
        inFlightSince(ACCOUNT, pastMaxAgeOnly);
        inFlightSince(ACCOUNT, deadline.plusSeconds(5));
        inFlightSince(ACCOUNT, Duration.ofHours(30));
        inFlightSince(OTHER_ACCOUNT, deadline.plusSeconds(5));

        metrics.refresh();

        assertThat(overdue(ACCOUNT)).isEqualTo(2);
        assertThat(overdue(OTHER_ACCOUNT)).isEqualTo(1);
        assertThat(meters.get("tracker.oldest.in.flight.age.seconds").gauge().value())
                .isGreaterThanOrEqualTo(Duration.ofHours(30).toSeconds());
    }

    @Test
    void everyConfiguredAccountHasTheSeriesFromTheStart() {
        assertThat(overdue("test-account")).isNotNegative();
        assertThat(overdue("second-account")).isNotNegative();
    }

    private double overdue(String account) {
        return meters.get("tracker.calls.overdue").tag("account", account).gauge().value();
    }

    private void inFlightSince(String account, Duration age) {
        String sid = TestSids.newCallSid();
        schedule.enqueue(sid, account, null, Duration.ofHours(1));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE tracked_call SET first_seen_at = now() - make_interval(secs => ?) WHERE call_sid = ?")) {
            s.setDouble(1, age.toMillis() / 1000.0);
            s.setString(2, sid);
            assertThat(s.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
