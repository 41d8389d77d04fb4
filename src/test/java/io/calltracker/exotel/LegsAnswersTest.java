package io.calltracker.exotel;

import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.ScriptedReply;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.calltracker.testing.PipelineHarness.ACCOUNT;
import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an answer of the legs API tells the account's gate, over HTTP: the legs API is Beta and
 * enabled per account, so its 401/404 say nothing about the account, but its 429s and 5xx do.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class LegsAnswersTest {

    @Inject
    ExotelClient exotel;
    @Inject
    CallSimulator simulator;
    @Inject
    Accounts accounts;
    @Inject
    ExotelConfig config;

    @Test
    void a429TellsTheGateToWaitNoLongerThanTheCap() {
        String sid = newCallSid();
        simulator.scriptLegs(sid, List.of(new ScriptedReply(429, 3_600_000, null)));

        assertThat(exotel.fetchLegs(probe(), sid)).isEqualTo(new LegsResult.Unavailable("unavailable: HTTP 429",
                new AccountSignal.RateLimited(config.retryAfterCap())));
    }

    @Test
    void aServerErrorIsAFaultOfTheAccountsApi() {
        String sid = newCallSid();
        simulator.scriptLegs(sid, List.of(ScriptedReply.withStatus(503)));

        assertThat(exotel.fetchLegs(probe(), sid).signal()).isInstanceOf(AccountSignal.Fault.class);
    }

    @Test
    void notEnabledOrUnknownSaysNothingAboutTheAccount() {
        String sid = newCallSid();
        simulator.scriptLegs(sid, List.of(ScriptedReply.withStatus(401), ScriptedReply.withStatus(404),
                new ScriptedReply(200, null, "{\"response\": [1, 2]}")));

        assertThat(exotel.fetchLegs(probe(), sid)).isEqualTo(new LegsResult.Unavailable("unavailable: HTTP 401"));
        assertThat(exotel.fetchLegs(probe(), sid)).isEqualTo(new LegsResult.Unavailable("unavailable: HTTP 404"));
        assertThat(exotel.fetchLegs(probe(), sid).signal()).isEqualTo(AccountSignal.INCONCLUSIVE);
    }

    /** The test account's API under an account SID of its own, so its Retry-After windows touch no other test. */
    private Account probe() {
        Account test = accounts.get(ACCOUNT);
        return new Account("legs" + UUID.randomUUID().toString().substring(0, 8), test.baseUrl(), test.v1BaseUrl(),
                test.authorization(), 0);
    }
}
