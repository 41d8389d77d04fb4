package io.calltracker.guard;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.AccountSignal;
import io.calltracker.exotel.LegsResult;
import io.calltracker.exotel.Accounts;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.ScriptedReply;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;

/** Exotel's 429s and failing APIs slow the tracker down instead of being hammered. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class AccountGuardsTest extends PipelineHarness {

    /** At most the requests already on the wire when the answer arrived (poll concurrency in %test is 8). */
    static final int IN_FLIGHT = 8;
    static final String SECOND = "second-account";
    /** tracker.guard.circuit-open-delay in %test. */
    static final Duration CIRCUIT_OPEN_DELAY = Duration.ofSeconds(2);

    @Inject
    CallSimulator simulator;
    @Inject
    AccountThrottle throttle;
    @Inject
    AccountGate gate;
    @Inject
    Accounts accounts;

    @AfterEach
    void healTheApi() {
        faults("{\"error_rate\": 0.0, \"revoked_accounts\": []}");
    }

    @Test
    void noRequestReachesTheAccountWhileItsRetryAfterWindowLasts() {
        List<String> sids = activeCalls(10, Duration.ofSeconds(5));
        simulator.script(sids.get(0), List.of(new ScriptedReply(429, 3, null)));
        sids.forEach(sid -> send(sid, sid));

        await().atMost(WAIT).until(() -> throttle.read(ACCOUNT).blockedUntil() != null);
        Instant blockedUntil = throttle.read(ACCOUNT).blockedUntil();
        long before = requests();
        assertThat(gate.condition(account()).state()).isEqualTo("rate_limited");
        await().atMost(WAIT).until(() -> Instant.now().isAfter(blockedUntil.minusMillis(200)));
        long during = requests() - before;

        assertThat(blockedUntil).isAfter(Instant.now().minusSeconds(1));
        assertThat(during).as("requests inside the Retry-After window").isLessThanOrEqualTo(IN_FLIGHT);
        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
    }

    @Test
    void a429OnLegsBlocksEveryRequestToTheAccountForItsRetryAfter() {
        List<String> busy = activeCalls(8, Duration.ofSeconds(5));
        String ending = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(ending).ring(Duration.ofMillis(100))
                .talk(Duration.ofMillis(300)).postProcessing(Duration.ofMillis(100)).build());
        simulator.scriptLegs(ending, List.of(new ScriptedReply(429, 3, null)));
        Instant start = Instant.now();
        busy.forEach(sid -> send(sid, sid));
        send(ending, ending);

        await().atMost(WAIT).until(() -> blockedSince(start));
        AccountThrottle.ThrottleState shared = throttle.read(ACCOUNT);
        long before = requests();
        long insideBefore = insideRetryAfter();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(shared.blockedUntil().minusMillis(200)));
        long during = requests() - before;

        assertThat(shared.blockedUntil()).as("recorded in account_state for every instance").isAfter(start.plusSeconds(2));
        assertThat(shared.level()).isPositive();
        assertThat(during).as("requests inside the legs' Retry-After window").isLessThanOrEqualTo(IN_FLIGHT);
        assertThat(insideRetryAfter() - insideBefore).as("requests the simulator saw inside its window").isZero();
        assertThat(awaitEvent(ending).path("legs_status").asText()).isEqualTo("unavailable: HTTP 429");
        busy.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
    }

    @Test
    void a401OnLegsIsTheBetaNotEnabledNotRejectedCredentials() {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).ring(Duration.ofMillis(100))
                .talk(Duration.ofMillis(300)).postProcessing(Duration.ofMillis(100)).build());
        simulator.scriptLegs(sid, List.of(ScriptedReply.withStatus(401)));
        send(sid, sid);

        assertThat(awaitEvent(sid).path("legs_status").asText()).isEqualTo("unavailable: HTTP 401");
        assertThat(gate.condition(account()).state()).isNotEqualTo("credentials_rejected");
    }

    @Test
    void legsFaultsCountAgainstTheAccountsCircuitLikeAnyOther() {
        Account probe = new Account("legs-faults-" + UUID.randomUUID().toString().substring(0, 8), "http://unused",
                "http://unused", "Basic x", 0);
        AtomicInteger sent = new AtomicInteger();
        Supplier<LegsResult> failingLegs = () -> {
            sent.incrementAndGet();
            return new LegsResult.Unavailable("unavailable: HTTP 503", new AccountSignal.Fault("legs HTTP 503"));
        };

        for (int i = 0; i < 10; i++) {
            sendLegs(probe, failingLegs);
        }
        LegsResult refused = sendLegs(probe, failingLegs);

        assertThat(gate.condition(probe).state()).isEqualTo("circuit_open");
        assertThat(refused).isEqualTo(new LegsResult.Unavailable("not fetched: circuit open after repeated API faults"));
        assertThat(sent).hasValue(10);
    }

    private LegsResult sendLegs(Account account, Supplier<LegsResult> request) {
        return gate.exchange(account, ExotelRequest.legs(request, Duration.ZERO))
                .answerOr(reason -> new LegsResult.Unavailable("not fetched: " + reason));
    }

    @Test
    void aFailingApiOpensTheAccountsCircuitAndTheCallsCompleteOnceItHeals() {
        faults("{\"error_rate\": 1.0}");
        List<String> sids = activeCalls(6, Duration.ofMillis(300));
        sids.forEach(sid -> send(sid, sid));

        await().atMost(WAIT).until(() -> "circuit_open".equals(gate.condition(account()).state()));
        Instant openedAt = Instant.parse(gate.condition(account()).detail().substring("opened at ".length()));
        long before = requests();
        // Up to shortly before the open delay ends: after it, half-open trial requests are allowed.
        await().atMost(WAIT).until(() -> Instant.now().isAfter(openedAt.plus(CIRCUIT_OPEN_DELAY).minusMillis(200)));
        long whileOpen = requests() - before;
        await().atMost(WAIT).until(() -> !"circuit_open".equals(gate.condition(account()).state()));
        faults("{\"error_rate\": 0.0}");

        assertThat(whileOpen).as("requests while the circuit was open").isLessThanOrEqualTo(IN_FLIGHT);
        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
    }

    @Test
    void rejectedCredentialsPauseTheAccountWithoutARequestStormAndTrackingResumesOnceTheyWork() {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(SECOND).sid(sid).ring(Duration.ofMillis(100))
                .talk(Duration.ofMillis(300)).postProcessing(Duration.ofMillis(100)).build());
        faults("{\"revoked_accounts\": [\"" + SECOND + "\"]}");
        send(sid, "{\"call_sid\": \"" + sid + "\", \"account_sid\": \"" + SECOND + "\"}");

        await().atMost(WAIT).until(() -> "credentials_rejected".equals(gate.condition(accounts.get(SECOND)).state()));
        // This pod can still work (other accounts, callbacks, admin API): ready. The account's state is told apart.
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200);
        ManagementInterface.given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'exotel-accounts' }.data." + SECOND, startsWith("credentials_rejected"));
        Instant pausedAt = Instant.now();
        long rejectedBefore = rejected(SECOND);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(pausedAt.plusSeconds(5)));
        long rejectedWhilePaused = rejected(SECOND) - rejectedBefore;
        faults("{\"revoked_accounts\": []}");

        // %test rechecks every 2 s: at most one probe per interval (plus one in flight), not one per poll.
        assertThat(rejectedWhilePaused).as("401s in 5 s of pause").isLessThanOrEqualTo(4);
        assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal");
        await().atMost(WAIT).until(() -> ManagementInterface.given().get("/q/health/well").statusCode() == 200);
        assertThat(awaitEvent(sid).path("account_sid").asText()).isEqualTo(SECOND);
    }

    private long rejected(String account) {
        var byAccount = simulator.stats().requestsByAccount().get(account);
        return byAccount == null ? 0 : byAccount.byStatus().getOrDefault("401", 0L);
    }

    private List<String> activeCalls(int count, Duration talk) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sid = newCallSid();
            simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).ring(Duration.ofMillis(100)).talk(talk)
                    .postProcessing(Duration.ofMillis(100)).build());
            sids.add(sid);
        }
        return sids;
    }

    private boolean blockedSince(Instant start) {
        Instant blockedUntil = throttle.read(ACCOUNT).blockedUntil();
        return blockedUntil != null && blockedUntil.isAfter(start.plusSeconds(2));
    }

    private long insideRetryAfter() {
        var byAccount = simulator.stats().requestsByAccount().get(ACCOUNT);
        return byAccount == null ? 0 : byAccount.requestsInsideRetryAfter();
    }

    private Account account() {
        return accounts.get(ACCOUNT);
    }

    private long requests() {
        var byAccount = simulator.stats().requestsByAccount().get(ACCOUNT);
        return byAccount == null ? 0 : byAccount.total();
    }

    private void faults(String json) {
        simulator.faults(json);
    }
}
