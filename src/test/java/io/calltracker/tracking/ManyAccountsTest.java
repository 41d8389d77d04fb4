package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, item 4: with a thousand accounts configured, a claim round costs one statement while no
 * call is in flight, not one or more per account (at 500 ms rounds that was ~2,000 mostly empty
 * statements per second per instance); and a call of any one of those accounts is still claimed and
 * finished. Statements are counted as connections taken from the pool: the schedule takes one per
 * statement.
 */
@QuarkusTest
@TestProfile(ManyAccountsTest.ThousandAccounts.class)
@QuarkusTestResource(TrackerTestResources.class)
class ManyAccountsTest {

    static final int ACCOUNTS = 1000;
    static final int ROUNDS = 20;

    /** The loops off (the test drives the rounds), a thousand accounts besides the %test ones. */
    public static class ThousandAccounts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(new LoopsOff().getConfigOverrides());
            for (int i = 0; i < ACCOUNTS; i++) {
                settings.put("exotel.accounts.\"" + fleetAccount(i) + "\".api-key", "sim-key");
                settings.put("exotel.accounts.\"" + fleetAccount(i) + "\".api-token", "sim-token");
            }
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
    @Inject
    MeterRegistry meters;

    @Test
    void anIdleRoundCostsOneStatementWhateverTheNumberOfAccounts() {
        assertThat(inFlight()).as("the test's premise: nothing in flight").isZero();
        dataSource.getConfiguration().setMetricsEnabled(true);
        long before = dataSource.getMetrics().acquireCount();

        for (int round = 0; round < ROUNDS; round++) {
            worker.pollDueCalls();
        }

        long perRound = (dataSource.getMetrics().acquireCount() - before) / ROUNDS;
        assertThat(perRound).as("statements per idle round with %d accounts", ACCOUNTS).isLessThanOrEqualTo(1);
    }

    /** What an operator (and the bench's fleet part) reads: the counter names the one statement of an idle round. */
    @Test
    void theExportedCounterCountsOneAccountsWithWorkStatementPerIdleRound() {
        assertThat(inFlight()).as("the test's premise: nothing in flight").isZero();
        Map<String, Double> before = claimStatements();

        for (int round = 0; round < ROUNDS; round++) {
            worker.pollDueCalls();
        }

        Map<String, Double> after = claimStatements();
        assertThat(after.keySet()).containsExactlyInAnyOrder(ClaimStatements.ACCOUNTS_WITH_WORK, ClaimStatements.CLAIM_DUE,
                ClaimStatements.CLAIM_SWEEP, ClaimStatements.CLAIM_EXPIRED, ClaimStatements.PULL_IN);
        after.forEach((statement, count) -> assertThat(count - before.get(statement)).as(statement)
                .isEqualTo(statement.equals(ClaimStatements.ACCOUNTS_WITH_WORK) ? ROUNDS : 0));
    }

    @Test
    void aDueCallOfAnyOneOfTheAccountsIsPolledAndFinished() {
        String account = fleetAccount(ACCOUNTS / 2);
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(account).sid(sid).ring(Duration.ofMillis(100))
                .talk(Duration.ofMillis(100)).postProcessing(Duration.ofMillis(100)).build());
        schedule.enqueue(sid, account, null, Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            worker.pollDueCalls();
            return Rows.value(dataSource, "SELECT outcome FROM tracked_call WHERE call_sid = ?", sid) != null;
        });
        assertThat(Rows.value(dataSource, "SELECT outcome FROM tracked_call WHERE call_sid = ?", sid)).isEqualTo("terminal");
    }

    private Map<String, Double> claimStatements() {
        Map<String, Double> counts = new HashMap<>();
        meters.find("tracker.claim.statements").counters().forEach(c -> counts.put(c.getId().getTag("statement"), c.count()));
        return counts;
    }

    private long inFlight() {
        return Long.parseLong(Rows.value(dataSource,
                "SELECT count(*) FROM tracked_call WHERE outcome IS NULL AND ? IS NOT NULL", "any"));
    }

    static String fleetAccount(int i) {
        return "fleet-%04d".formatted(i);
    }
}
