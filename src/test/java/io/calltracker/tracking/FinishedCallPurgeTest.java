package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Finished calls' schedule rows leave tracked_call tracker.retention.finished-calls.keep (30d) after they
 * finished, on the purge's own loop; in-flight rows stay whatever their age; and a call whose row is gone
 * is still reported once only, however often its SID arrives again, on Kafka or in a status callback
 * (issue 11, item 6).
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class FinishedCallPurgeTest extends PipelineHarness {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CallSimulator simulator;
    @Inject
    MeterRegistry meters;

    @Test
    void finishedRowsOlderThanTheRetentionGoAndNoOthers() {
        String finishedLongAgo = newCallSid();
        String finishedWithinRetention = newCallSid();
        String inFlightForAYear = newCallSid();
        double before = purgedRows();
        insert(finishedLongAgo, "'terminal'", "now() - interval '30 days 1 hour'");
        insert(finishedWithinRetention, "'gave_up'", "now() - interval '29 days 23 hours'");
        // Claimed by another instance far into the future: no expiry pass ends it during the test.
        insert(inFlightForAYear, "NULL", "NULL");

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(finishedLongAgo) == 0);

        assertThat(rows(finishedWithinRetention)).isEqualTo(1);
        assertThat(rows(inFlightForAYear)).as("in flight, a year old").isEqualTo(1);
        assertThat(purgedRows() - before).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFinishedCallWhoseRowWasPurgedIsNotReportedAgainWhenItsSidArrivesAgain() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        send(sid, sid);
        awaitEvent(sid);
        await().atMost(WAIT).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM outbox_event WHERE call_sid = ? AND sent_at IS NOT NULL", sid) == 1);
        Rows.execute(dataSource, "UPDATE tracked_call SET finished_at = now() - interval '31 days' WHERE call_sid = ?", sid);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(sid) == 0);

        // The same SID again, in both intake formats, and after them on the same partition (same key) a new
        // call: once that one is tracked, the consumer has read the repeats.
        String next = newCallSid();
        simulator.register(quickCall(next));
        send(sid, sid);
        send(sid, "{\"call_sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\"}");
        send(sid, next);
        awaitEvent(next);

        // Exotel's status callback for it is told the call is over, and does not start it either.
        RestAssured.given().contentType(ContentType.URLENC).formParam("CallSid", sid).formParam("Status", "completed")
                .post("/exotel/status-callback/test-callback-token").then().statusCode(200)
                .body("result", equalTo("already_finished"));

        assertThat(rows(sid)).as("not tracked again").isZero();
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM call_record WHERE call_sid = ?", sid)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM outbox_event WHERE call_sid = ?", sid)).isEqualTo(1);
        assertThat(completed.recordsFor(sid)).as("one completion event").hasSize(1);
    }

    private void insert(String sid, String outcome, String finishedAt) {
        Rows.execute(dataSource, "INSERT INTO tracked_call (call_sid, account_sid, first_seen_at, next_poll_at, claimed_by,"
                + " claim_token, outcome, finished_at) VALUES (?, ?, now() - interval '1 year', now() + interval '1 day',"
                + " 'another-instance', nextval('claim_token_seq'), " + outcome + ", " + finishedAt + ")", sid, ACCOUNT);
    }

    private long rows(String sid) {
        return Rows.count(dataSource, "SELECT count(*) FROM tracked_call WHERE call_sid = ?", sid);
    }

    private double purgedRows() {
        return meters.get("tracker.retention.purged.rows").tag("table", FinishedCallPurge.TABLE).counter().count();
    }
}
