package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sent completion events leave outbox_event tracker.retention.sent-events.keep (7d) after Kafka
 * acknowledged them, on the purge's own loop; unsent events stay whatever their age (issue 11, item 6).
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class SentEventPurgeTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry meters;

    @Test
    void sentEventsOlderThanTheRetentionGoAndNoOthers() {
        String sentLongAgo = newCallSid();
        String sentWithinRetention = newCallSid();
        String neverSent = newCallSid();
        String sentThenReplayed = newCallSid();
        double before = purgedRows();
        insert(sentLongAgo, "now() - interval '8 days'", "now() - interval '7 days 1 hour'", null);
        insert(sentWithinRetention, "now() - interval '8 days'", "now() - interval '6 days 23 hours'", null);
        // Unsent for ten years; leased to a relay far into the future, so that ours does not send it now.
        insert(neverSent, "now() - interval '10 years'", null, "now() + interval '1 day'");
        // A replay clears sent_at: the event is unsent again until Kafka acknowledges it.
        insert(sentThenReplayed, "now() - interval '1 year'", null, "now() + interval '1 day'");

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(sentLongAgo) == 0);

        assertThat(rows(sentWithinRetention)).isEqualTo(1);
        assertThat(rows(neverSent)).as("unsent, ten years old").isEqualTo(1);
        assertThat(rows(sentThenReplayed)).isEqualTo(1);
        assertThat(purgedRows() - before).isGreaterThanOrEqualTo(1);
    }

    private void insert(String sid, String createdAt, String sentAt, String claimedUntil) {
        Rows.execute(dataSource, "INSERT INTO outbox_event (event_id, event_type, call_sid, account_sid, occurred_at, payload,"
                + " created_at, sent_at, claimed_until) VALUES (gen_random_uuid(), 'call.completed', ?, 'test-account', "
                + createdAt + ", '{}', " + createdAt + ", " + sentAt + ", " + claimedUntil + ")", sid);
    }

    private long rows(String sid) {
        return Rows.count(dataSource, "SELECT count(*) FROM outbox_event WHERE call_sid = ?", sid);
    }

    private double purgedRows() {
        return meters.get("tracker.retention.purged.rows").tag("table", SentEventPurge.TABLE).counter().count();
    }
}
