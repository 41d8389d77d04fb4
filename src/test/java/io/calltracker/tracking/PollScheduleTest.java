package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both claims, of due calls and of calls to end without a poll, take a call the same way: for the lease,
 * under the claimer's name and a new fencing token, returning the call as it stands.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class PollScheduleTest {

    private static final Duration LEASE = Duration.ofMinutes(7);
    private static final String METADATA = "{\"campaign\": \"spring\"}";

    @Inject
    PollSchedule schedule;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theDueCallClaimTakesTheCallForTheLeaseUnderANewToken() {
        // An account no instance polls, so the running poll loop leaves the call to this test.
        String account = probeAccount();
        assertTakenForTheLease(account, () -> single(schedule.claimDue(account, "claim-test", 10, LEASE)));
    }

    @Test
    void theExpiredCallClaimTakesTheCallForTheLeaseUnderANewToken() {
        // Disabled for this claim only; the running expiry pass sees an unknown account well within its grace.
        String account = probeAccount();
        Duration never = Duration.ofDays(365);
        assertTakenForTheLease(account, () -> single(schedule.claimExpired("claim-test", never, Set.of(), Set.of(account),
                never, 10, LEASE).stream().map(PollSchedule.Expired::claim).toList()));
    }

    private void assertTakenForTheLease(String account, Supplier<Claim> claim) {
        String sid = newCallSid();
        assertThat(schedule.enqueue(sid, account, METADATA, Duration.ZERO)).isTrue();
        long tokenBefore = Long.parseLong(column("nextval('claim_token_seq')", sid));

        Claim taken = claim.get();

        assertThat(taken.callSid()).isEqualTo(sid);
        assertThat(taken.accountSid()).isEqualTo(account);
        assertThat(taken.metadataJson()).isEqualTo(METADATA);
        assertThat(taken.claimToken()).isGreaterThan(tokenBefore).isEqualTo(Long.parseLong(column("claim_token", sid)));
        assertThat(column("claimed_by", sid)).isEqualTo("claim-test");
        assertThat(Double.parseDouble(column("extract(epoch FROM next_poll_at - now())", sid)))
                .as("seconds until the lease ends").isBetween(LEASE.toSeconds() - 30.0, (double) LEASE.toSeconds());
    }

    private static Claim single(List<Claim> claims) {
        assertThat(claims).hasSize(1);
        return claims.get(0);
    }

    private String column(String expression, String sid) {
        return Rows.value(dataSource, "SELECT " + expression + " FROM tracked_call WHERE call_sid = ?", sid);
    }

    private static String probeAccount() {
        return "claim-probe-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
