package io.calltracker.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.tracking.CallFinaliser;
import io.calltracker.testing.HostileInputs;
import io.calltracker.testing.HostileReplies;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.tracking.Claim;
import io.calltracker.tracking.Decision;
import io.calltracker.tracking.Outcome;
import io.calltracker.tracking.PollSchedule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever reply the v3 mapper accepts, PostgreSQL accepts as a record (with its event), and
 * a reply it cannot read is still kept (outcome failed, raw body stored). Real database, real finaliser.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class RepliesToRecordsTest {

    /** No configured account: the pollers leave these calls to the test. */
    private static final String ACCOUNT = "property-account";

    @Inject
    ObjectMapper mapper;
    @Inject
    PollSchedule schedule;
    @Inject
    CallFinaliser finaliser;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void whatTheMapperAcceptsTheDatabaseStores() {
        CallDetailsReplies replies = new CallDetailsReplies(mapper);
        HostileInputs.forAll(300, g -> {
            String body = new HostileReplies(g).callDetailsBody();
            PollResult result = replies.classify(200, body, null, Instant.now());
            Decision.Finish finish = result instanceof PollResult.Found found
                    ? new Decision.Finish(Outcome.TERMINAL, null, found.details(), found.rawJson())
                    : new Decision.Finish(Outcome.FAILED, ((PollResult.Unusable) result).reason(), null, body);
            Claim claim = claimNewCall();

            assertThat(finaliser.finish(claim, finish, null, Instant.now())).isTrue();
            assertThat(storedRawBody(claim.callSid())).as("raw reply kept").isNotNull();
        });
    }

    private Claim claimNewCall() {
        String sid = newCallSid();
        schedule.enqueue(sid, ACCOUNT, null, Duration.ZERO);
        List<Claim> claims = schedule.claimDue(ACCOUNT, "property-test", 1, Duration.ofMinutes(1));
        assertThat(claims).extracting(Claim::callSid).containsExactly(sid);
        return claims.get(0);
    }

    private String storedRawBody(String sid) {
        return Rows.value(dataSource, "SELECT raw_response::text FROM call_record WHERE call_sid = ?", sid);
    }
}
