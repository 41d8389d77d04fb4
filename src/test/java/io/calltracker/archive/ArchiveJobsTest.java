package io.calltracker.archive;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.ScriptedReply;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archive's durable job on a real PostgreSQL: claims, leases, fencing, bounded attempts and the one
 * event per settled call. Archival is off in this application, so no worker competes for the rows; the tests
 * claim and settle themselves, as two instances would.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class ArchiveJobsTest {

    private static final Duration LEASE = Duration.ofMillis(800);
    /** Configured in %test; not the default account, so its Retry-After window troubles no other test. */
    private static final String SECOND_ACCOUNT = "second-account";

    @Inject
    ArchiveJobs jobs;

    @Inject
    ArchiveSettlement settlement;

    @Inject
    ArchiveWorker worker;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LinkRefresher refresher;

    @Inject
    CallSimulator simulator;

    @Test
    void aPendingRecordingIsClaimedByOneInstanceUntilItsLeaseEnds() {
        String sid = queue(2);

        List<ArchiveJob> first = claimOf("instance-a", sid);
        List<ArchiveJob> meanwhile = claimOf("instance-b", sid);

        assertThat(first).hasSize(2).allSatisfy(job -> assertThat(job.attempts()).isEqualTo(1));
        assertThat(meanwhile).as("leased to instance-a").isEmpty();
        List<ArchiveJob> retaken = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            retaken.addAll(claimOf("instance-b", sid));
            return retaken.size() == 2;
        });
        assertThat(retaken).allSatisfy(job -> {
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(job.claimToken()).isGreaterThan(first.stream().mapToLong(ArchiveJob::claimToken).max().orElseThrow());
        });
    }

    @Test
    void aLostClaimWritesNothingWhileItsSuccessorDoes() {
        String sid = queue(1);
        ArchiveJob lost = claimOf("instance-a", sid).get(0);
        List<ArchiveJob> successor = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            successor.addAll(claimOf("instance-b", sid));
            return !successor.isEmpty();
        });

        assertThat(jobs.renew(lost, LEASE)).isFalse();
        assertThat(jobs.uploadBegun(lost, "upload-1")).isFalse();
        assertThat(jobs.refreshed(lost, "https://example.invalid/fresh")).isFalse();
        assertThat(jobs.retry(lost, Instant.now(), "late", true)).isFalse();
        assertThat(settlement.settle(lost, ArchiveOutcome.failed("late"))).isFalse();
        assertThat(status(sid)).isEqualTo("pending");

        ArchiveJob current = successor.get(0);
        assertThat(jobs.renew(current, Duration.ofMinutes(1))).isTrue();
        assertThat(settlement.settle(current, new ArchiveOutcome("archived", "audio/wav", 10L, "ab".repeat(32), null))).isTrue();
        assertThat(status(sid)).isEqualTo("archived");
        assertThat(Rows.value(dataSource, "SELECT count(*) FROM outbox_event WHERE call_sid = ?"
                + " AND event_type = 'call.recordings_archived'", sid)).isEqualTo("1");
    }

    @Test
    void whenTwoInstancesSettleACallsLastRecordingsAtOnceExactlyOneEventIsQueued() throws Exception {
        for (int round = 0; round < 15; round++) {
            String sid = queue(2);
            List<ArchiveJob> claimed = claimOf("instance-a", sid);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Boolean>> settling = claimed.stream().map(job -> CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return settlement.settle(job, new ArchiveOutcome("archived", "audio/wav", 1L, "cd".repeat(32), null));
            })).toList();

            assertThat(settling).allSatisfy(f -> assertThat(f.get()).isTrue());
            assertThat(Rows.value(dataSource, "SELECT count(*) FROM outbox_event WHERE call_sid = ?"
                    + " AND event_type = 'call.recordings_archived'", sid)).as("round %d", round).isEqualTo("1");
            assertThat(Rows.value(dataSource, "SELECT jsonb_array_length(payload::jsonb -> 'recordings') FROM outbox_event"
                    + " WHERE call_sid = ? AND event_type = 'call.recordings_archived'", sid)).isEqualTo("2");
        }
    }

    @Test
    void aRecordingThatKeepsCrashingItsTransfersEndsFailedAfterTheBoundedAttempts() {
        String sid = queue(1);
        // As if max-attempts (6) transfers had each died with their instance mid-way.
        update("UPDATE recording_archive SET attempts = 6 WHERE call_sid = ?", sid);
        ArchiveJob job = claimOf("instance-a", sid).get(0);

        worker.archive(job);

        assertThat(Rows.value(dataSource, "SELECT status || ': ' || last_error FROM recording_archive WHERE call_sid = ?", sid))
                .isEqualTo("failed: gave up after 6 attempts");
    }

    @Test
    void aRetryWaitsItsTurnAndAnUncountedOneGivesItsAttemptBack() {
        String sid = queue(1);
        ArchiveJob job = claimOf("instance-a", sid).get(0);

        assertThat(jobs.retry(job, Instant.now().plusSeconds(60), "rate share exhausted", false)).isTrue();

        assertThat(claimOf("instance-b", sid)).as("not due for a minute").isEmpty();
        assertThat(Rows.value(dataSource, "SELECT attempts || ' ' || last_error FROM recording_archive WHERE call_sid = ?", sid))
                .isEqualTo("0 rate share exhausted");
    }

    @Test
    void anInstanceStoppingHandsItsRecordingsBackWithTheirAttempts() {
        String sid = queue(2);
        claimOf("instance-stopping", sid);

        assertThat(jobs.releaseAll("instance-stopping")).isEqualTo(2);

        assertThat(claimOf("instance-b", sid)).as("due at once, not after the lease").hasSize(2)
                .allSatisfy(job -> assertThat(job.attempts()).isEqualTo(1));
    }

    @Test
    void aFreshLinkIsAskedOfV3ThroughTheAccountsGate() {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(SECOND_ACCOUNT).sid(sid).recordings(1)
                .ring(Duration.ZERO).talk(Duration.ofMillis(10)).postProcessing(Duration.ZERO)
                .servedRecordings(100, Duration.ofMinutes(10), 0).build());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> refresher.refresh(SECOND_ACCOUNT, sid, 1) instanceof LinkRefresher.Refresh.Fresh);
        simulator.script(sid, List.of(new ScriptedReply(429, 2, null)));

        LinkRefresher.Refresh answered = refresher.refresh(SECOND_ACCOUNT, sid, 1);
        LinkRefresher.Refresh held = refresher.refresh(SECOND_ACCOUNT, sid, 1);

        assertThat(answered).isEqualTo(new LinkRefresher.Refresh.NotNow("fresh link not given: RateLimited", null));
        assertThat(held).as("the gate learnt the 429 and holds the account's next request back")
                .isInstanceOfSatisfying(LinkRefresher.Refresh.NotNow.class, notNow -> {
                    assertThat(notNow.reason()).startsWith("fresh link not asked: rate limited by Exotel until");
                    assertThat(notNow.retryAt()).isNotNull();
                });
        assertThat(refresher.refresh("unknown-account", sid, 1)).isInstanceOf(LinkRefresher.Refresh.Gone.class);
    }

    private String queue(int recordings) {
        String sid = newCallSid();
        List<ArchiveJobs.NewRecording> rows = new ArrayList<>();
        for (int i = 1; i <= recordings; i++) {
            rows.add(new ArchiveJobs.NewRecording(i, "https://example.invalid/" + i + ".mp3", "r/acc/" + sid + "/" + i + ".mp3"));
        }
        QuarkusTransaction.requiringNew().run(() -> jobs.enqueue(sid, "test-account", rows));
        return sid;
    }

    private List<ArchiveJob> claimOf(String owner, String sid) {
        return jobs.claim(owner, 100, LEASE).stream().filter(job -> job.callSid().equals(sid)).toList();
    }

    private String status(String sid) {
        return Rows.value(dataSource, "SELECT status FROM recording_archive WHERE call_sid = ?", sid);
    }

    private void update(String sql, String sid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sid);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
