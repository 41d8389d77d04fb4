package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.calltracker.testing.PipelineHarness.ACCOUNT;
import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 4: an account with far more work than one turn does not delay another account's calls.
 * The default account, first in every claim round, has 1,000 calls in flight all due a look (ten full v1
 * sweeps); the second account has one call due. A round used to send as many sweeps of the first account
 * as its room allowed (room − claims: 2 here with a batch of 2, up to 48 with the defaults) before it came
 * to the second's call, and left the rest to later rounds. Now every account with work has one bounded
 * turn per pass (a batch and one sweep), and the round passes again until none has more, so the second's
 * call waits for one sweep and the same round still sweeps them all.
 */
@QuarkusTest
@TestProfile(FairTurnsTest.SweepsDrivenByTheTest.class)
@QuarkusTestResource(TrackerTestResources.class)
class FairTurnsTest {

    static final String SECOND = "second-account";
    static final int BUSY_CALLS = 1000;
    static final int CHUNK = 100;

    /** The loops off (the test drives the rounds), the sweep on with the safety net out of the way. */
    public static class SweepsDrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(new LoopsOff().getConfigOverrides());
            settings.putAll(Map.of("tracker.bulk.enabled", "true", "tracker.bulk.sweep-interval", "30s",
                    "tracker.bulk.chunk-size", Integer.toString(CHUNK), "tracker.bulk.safety-net-interval", "1h",
                    "tracker.bulk.recheck-interval", "1h", "tracker.fetch-legs", "false"));
            return settings;
        }
    }

    @Inject
    PollWorker worker;
    @Inject
    PollSchedule schedule;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    CallSimulator simulator;

    @AfterEach
    void removeBusyCalls() throws Exception {
        execute("DELETE FROM tracked_call WHERE call_sid LIKE 'fairturn%'");
    }

    @Test
    void anotherAccountsDueCallWaitsForAtMostOneSweepOfTheBusyAccount() throws Exception {
        // Taken in a minute ago, so all are a 30 s sweep interval old; their per-call poll is an hour away.
        // The simulator does not know them: v1 lists none, so each sweep is answered, full, and leaves them in flight.
        execute("INSERT INTO tracked_call (call_sid, account_sid, first_seen_at, next_poll_at)"
                + " SELECT 'fairturn' || lpad(g::text, 12, '0'), '" + ACCOUNT + "', now() - interval '1 minute',"
                + " now() + interval '1 hour' FROM generate_series(1, " + BUSY_CALLS + ") g");
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(SECOND).sid(sid).ring(Duration.ZERO).talk(Duration.ofMillis(10))
                .postProcessing(Duration.ZERO).build());
        schedule.enqueue(sid, SECOND, null, Duration.ZERO);

        worker.pollDueCalls();

        assertThat(Rows.value(dataSource, "SELECT outcome FROM tracked_call WHERE call_sid = ?", sid))
                .as("the second account's call, polled in the round").isEqualTo("terminal");
        assertThat(busySwept("swept_at <= (SELECT finished_at FROM tracked_call WHERE call_sid = '" + sid + "')"))
                .as("busy calls swept before the second account's call was finished").isLessThanOrEqualTo(CHUNK);
        assertThat(busySwept("true")).as("the same round still swept every busy call").isEqualTo(BUSY_CALLS);
    }

    private long busySwept(String condition) {
        return Long.parseLong(Rows.value(dataSource, "SELECT count(*) FROM tracked_call WHERE call_sid LIKE 'fairturn%'"
                + " AND swept_at IS NOT NULL AND " + condition + " AND ? IS NOT NULL", "any"));
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
