package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.simulator.SimulatorStats;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round's claims wait in the poller queue. One whose lease has lapsed by the time a poller takes it,
 * or will lapse before a reply could arrive, is handed back due at once without a request: by then
 * another instance may have claimed the call and be polling it too.
 */
@QuarkusTest
@TestProfile(LoopsOff.class)
@QuarkusTestResource(TrackerTestResources.class)
class LapsedLeaseTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @Inject
    PollWorker worker;
    @Inject
    PollSchedule schedule;
    @Inject
    Accounts accounts;
    @Inject
    CallSimulator simulator;
    @Inject
    AgroalDataSource dataSource;

    /**
     * The worker's clock read against the lease end it noted at claim time: a second past it, and a second
     * before it, less than one request's worst case (%test: 5 s connect + 2 s read, capped at half the lease).
     */
    @ParameterizedTest
    @ValueSource(longs = {-1, 1})
    void aClaimWithoutTimeLeftOnItsLeaseSendsNoRequestAndIsHandedBackDue(long secondsToLeaseEnd) {
        Account account = probeAccount();
        Claim claim = claimACall(account);

        PollSchedule.Reschedule next = worker.pollOne(account, claim, Instant.now().plusSeconds(secondsToLeaseEnd));

        assertThat(requestsTo(account)).as("requests the Exotel stand-in received").isZero();
        assertThat(next).as("nothing to reschedule").isNull();
        assertThat(column("claimed_by", claim)).isNull();
        assertThat(Double.parseDouble(column("extract(epoch FROM next_poll_at - now())", claim))).as("seconds until due")
                .isLessThanOrEqualTo(0);
    }

    /** The same claim with its lease ahead reaches the stand-in: the count above would see a request. */
    @Test
    void aClaimWithItsLeaseAheadIsSent() {
        Account account = probeAccount();
        Claim claim = claimACall(account);

        worker.pollOne(account, claim, Instant.now().plus(LEASE));

        assertThat(requestsTo(account)).isEqualTo(1);
    }

    /** An account of its own, unknown to the configuration, so no other test's requests count here. */
    private Account probeAccount() {
        Account configured = accounts.get(PipelineHarness.ACCOUNT);
        return new Account("lease-probe-" + UUID.randomUUID().toString().substring(0, 8), configured.baseUrl(),
                configured.v1BaseUrl(), configured.authorization(), 0);
    }

    private Claim claimACall(Account account) {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(account.sid()).sid(sid).ring(Duration.ofMinutes(1)).build());
        schedule.enqueue(sid, account.sid(), null, Duration.ZERO);
        List<Claim> claims = schedule.claimDue(account.sid(), "lapse-test", 1, LEASE);
        assertThat(claims).hasSize(1);
        return claims.get(0);
    }

    private long requestsTo(Account account) {
        SimulatorStats.AccountStats stats = simulator.stats().requestsByAccount().get(account.sid());
        return stats == null ? 0 : stats.total();
    }

    private String column(String expression, Claim claim) {
        return Rows.value(dataSource, "SELECT " + expression + " FROM tracked_call WHERE call_sid = ?", claim.callSid());
    }
}
