package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.exotel.Accounts;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk end-detection against the simulator: with the per-call safety net an hour away, only the v1
 * sweep can make these calls complete within the test's wait.
 */
@QuarkusTest
@TestProfile(BulkSweepTest.SweepOn.class)
@QuarkusTestResource(TrackerTestResources.class)
class BulkSweepTest extends PipelineHarness {

    static final String SECOND = "second-account";

    public static class SweepOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.bulk.enabled", "true",
                    "tracker.bulk.sweep-interval", "300ms",
                    "tracker.bulk.safety-net-interval", "1h",
                    "tracker.bulk.recheck-interval", "1h",
                    "tracker.fetch-legs", "false");
        }
    }

    @Inject
    CallSimulator simulator;
    @Inject
    BulkAvailability availability;
    @Inject
    Accounts accounts;
    @Inject
    PollSchedule schedule;
    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void enableV1() {
        faults("{\"v1_disabled_accounts\": []}");
    }

    @Test
    void sweepsFindTheEndedCallsAndEachCallCostsOneCallDetailsRequest() {
        long detailsBefore = requests("v3_call_details");
        long sweepsBefore = requests("v1_bulk");
        List<String> sids = calls(ACCOUNT, 30);
        sids.forEach(sid -> send(sid, sid));

        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));

        assertThat(requests("v3_call_details") - detailsBefore).as("v3 requests for 30 calls").isEqualTo(30);
        assertThat(requests("v1_bulk") - sweepsBefore).as("v1 sweeps").isPositive();
        assertThat(availability.watching(accounts.get(ACCOUNT))).isTrue();
    }

    @Test
    void anAccountThatRefusesV1FallsBackToPerCallPolling() {
        faults("{\"v1_disabled_accounts\": [\"" + SECOND + "\"]}");
        List<String> sids = calls(SECOND, 3);
        sids.forEach(sid -> send(sid, "{\"call_sid\": \"" + sid + "\", \"account_sid\": \"" + SECOND + "\"}"));

        await().atMost(WAIT).until(() -> !availability.watching(accounts.get(SECOND)));
        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
        assertThat(ManagementInterface.metrics())
                .contains("tracker_bulk_available{account=\"" + SECOND + "\"} 0.0")
                .contains("tracker_bulk_fallbacks_total{account=\"" + SECOND + "\",status=\"403\"}");
        assertThat(availability.watching(accounts.get(ACCOUNT))).as("other accounts keep the sweep").isTrue();
    }

    /**
     * Issue 12, item 1: a due sweep asks about the 100 calls looked at least recently, young ones too, and
     * sends nothing while the least recent look is not due, so every request is full. "Everything due, in
     * chunks" sent a full chunk and a nearly empty one whenever a little over 100 calls were in flight.
     */
    @Test
    void aDueSweepAsksAboutTheHundredLeastRecentlyLookedAtCallsSoEveryRequestIsFull() throws Exception {
        String probe = "sweep-cycle-probe"; // not a configured account: the running sweeper leaves it alone
        // 150 calls taken in over the last minute. A 45 s interval with 150 in flight paces a request every
        // 45 × 100/150 = 30 s: 75 of them are a pace old.
        execute("INSERT INTO tracked_call (call_sid, account_sid, first_seen_at, next_poll_at)"
                + " SELECT 'cycle' || lpad(g::text, 12, '0'), '" + probe + "', now() - g * interval '400 ms',"
                + " now() + interval '1 hour' FROM generate_series(0, 149) g");
        Duration interval = Duration.ofSeconds(45);
        Instant dueBefore = workOf(probe).sweepDue(interval, 100).orElseThrow().dueBefore();

        assertThat(sweptSids(probe, dueBefore)).as("the 100 oldest looks, 25 of them not yet due")
                .hasSize(100).contains("cycle000000000149", "cycle000000000050").doesNotContain("cycle000000000049");
        assertThat(sweptSids(probe, dueBefore)).as("the other 50 are not due: no half-empty request").isEmpty();
        assertThat(workOf(probe).sweepDue(interval, 100)).as("no sweep due until the oldest look is a pace (30 s) old")
                .isEmpty();

        execute("UPDATE tracked_call SET first_seen_at = first_seen_at - interval '30 seconds'"
                + " WHERE account_sid = '" + probe + "' AND swept_at IS NULL");
        assertThat(sweptSids(probe, workOf(probe).sweepDue(interval, 100).orElseThrow().dueBefore()))
                .as("once due, the 50 go with the 50 looked at least recently since: full again")
                .hasSize(100).contains("cycle000000000000", "cycle000000000049");
    }

    /**
     * Calls v1 showed in post-processing are the ones that can turn terminal next: the next request asks
     * about them before ongoing calls looked at in the same sweep.
     */
    @Test
    void callsInPostProcessingAreAskedAboutAgainBeforeOngoingCallsLookedAtAsRecently() throws Exception {
        String probe = "sweep-phase-probe";
        execute("INSERT INTO tracked_call (call_sid, account_sid, first_seen_at, next_poll_at)"
                + " SELECT 'phase' || lpad(g::text, 12, '0'), '" + probe + "', now(), now() + interval '1 hour'"
                + " FROM generate_series(1, 20) g");
        Instant any = Instant.now().plusSeconds(3600);
        List<String> asked = sweptSids(probe, any, 100);
        assertThat(asked).hasSize(20);
        List<String> processing = List.of("phase000000000003", "phase000000000011", "phase000000000017");
        schedule.markPostProcessing(processing, Duration.ofSeconds(20));

        assertThat(sweptSids(probe, any, 3)).as("the next request's first three").containsExactlyInAnyOrderElementsOf(processing);
    }

    /** The pace is shared: of many instances taking an account's sweep slot at once, one gets it. */
    @Test
    void oneOfManyInstancesTakingTheSameSweepSlotAtOnceGetsIt() throws Exception {
        String probe = "sweep-slot-probe";
        assertThat(schedule.takeSweepSlot(probe, Instant.now())).as("the account's first request").isTrue();
        execute("UPDATE bulk_sweep_pace SET last_sent_at = now() - interval '1 minute' WHERE account_sid = '" + probe + "'");
        Instant lastSentBefore = Instant.now().minusSeconds(30); // a 30 s pace: the minute-old request frees the slot
        ExecutorService instances = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> takes = instances.invokeAll(Collections.nCopies(8, () -> schedule.takeSweepSlot(probe, lastSentBefore)));
            long taken = 0;
            for (Future<Boolean> take : takes) {
                taken += take.get() ? 1 : 0;
            }
            assertThat(taken).as("instances that took the same slot").isEqualTo(1);
        } finally {
            instances.shutdownNow();
        }
        assertThat(schedule.takeSweepSlot(probe, Instant.now().minusSeconds(60)))
                .as("a slot whose last request is younger than the pace is not free").isFalse();
    }

    /** A round reads the account's last sweep and counts its calls in flight up to the cap, not beyond. */
    @Test
    void aRoundCountsAnAccountsCallsInFlightUpToTheCapAndReadsItsLastSweep() throws Exception {
        String probe = "sweep-count-probe";
        execute("INSERT INTO tracked_call (call_sid, account_sid, first_seen_at, next_poll_at)"
                + " SELECT 'count' || lpad(g::text, 12, '0'), '" + probe + "', now(), now() + interval '1 hour'"
                + " FROM generate_series(1, 250) g");
        assertThat(schedule.accountsWithWork(1000).stream().filter(w -> w.accountSid().equals(probe)).findFirst().orElseThrow())
                .returns(250L, AccountWork::inFlight).returns(null, AccountWork::lastSweep);
        schedule.takeSweepSlot(probe, Instant.now());
        AccountWork capped = schedule.accountsWithWork(200).stream().filter(w -> w.accountSid().equals(probe)).findFirst().orElseThrow();
        assertThat(capped.inFlight()).isEqualTo(200);
        assertThat(capped.lastSweep()).isNotNull().isBeforeOrEqualTo(capped.now());
    }

    private List<String> sweptSids(String account, Instant dueBefore) {
        return sweptSids(account, dueBefore, 100);
    }

    private List<String> sweptSids(String account, Instant dueBefore, int limit) {
        return schedule.claimSweep(account, dueBefore, limit).stream().map(PollSchedule.Swept::callSid).toList();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private AccountWork workOf(String account) {
        return schedule.accountsWithWork(1000).stream().filter(work -> work.accountSid().equals(account)).findFirst().orElseThrow();
    }

    private List<String> calls(String account, int count) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sid = newCallSid();
            simulator.register(SimulatedCallSpec.forAccount(account).sid(sid).ring(Duration.ofMillis(200))
                    .talk(Duration.ofMillis(400)).postProcessing(Duration.ofMillis(300)).build());
            sids.add(sid);
        }
        return sids;
    }

    private long requests(String endpoint) {
        return simulator.stats().requestsByEndpoint().getOrDefault(endpoint, 0L);
    }

    private void faults(String json) {
        simulator.faults(json);
    }
}
