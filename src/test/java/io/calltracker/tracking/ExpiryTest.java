package io.calltracker.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.EventSchema;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls no poll will ever end still get an outcome and an event (issue 9, item 7 and "max age despite
 * blocks"); and an operator's poll-now leaves a call under a live lease to its holder (item 9).
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class ExpiryTest extends PipelineHarness {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    PollSchedule schedule;

    @Test
    void aCallOfADisabledAccountEndsAtOnceWithTheReason() {
        String sid = newCallSid();
        insert(sid, "disabled-account", "now()", "now() + interval '1 hour'", null);

        JsonNode event = awaitEvent(sid);

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("outcome").asText()).isEqualTo("gave_up");
        assertThat(event.path("outcome_reason").asText())
                .isEqualTo("account disabled-account is disabled (exotel.accounts.\"disabled-account\".enabled=false)");
        assertThat(ManagementInterface.metrics())
                .contains("tracker_calls_orphaned_total{account=\"disabled-account\",reason=\"disabled\"}");
    }

    @Test
    void aCallOfAnUnknownAccountEndsOnlyOnceNoInstanceHasPolledItForTheGrace() {
        String orphan = newCallSid();
        String recent = newCallSid();
        // Due 1 minute ago: in a rolling deploy an instance that knows the account may be about to poll it.
        insert(recent, "ghost-account", "now()", "now() - interval '1 minute'", null);
        insert(orphan, "ghost-account", "now() - interval '1 hour'", "now() - interval '16 minutes'", null);

        JsonNode event = awaitEvent(orphan);

        assertThat(event.path("outcome").asText()).isEqualTo("gave_up");
        assertThat(event.path("outcome_reason").asText()).startsWith("account ghost-account is not configured on instance ")
                .endsWith(" and no instance polled the call for PT15M");
        assertThat(ManagementInterface.metrics())
                .contains("tracker_calls_orphaned_total{account=\"ghost-account\",reason=\"unknown\"}");
        assertThat(outcome(recent)).as("within the grace").isNull();
        assertThat(completed.recordsFor(recent)).isEmpty();
    }

    @Test
    void aCallPastTheMaximumAgeEndsWithoutARequestEvenWhenNoPollWillComeForIt() {
        // As if released until a far Retry-After: the due-call claim would not take it for a day.
        String sid = newCallSid();
        insert(sid, ACCOUNT, "now() - interval '1 hour'", "now() + interval '1 day'", "HTTP 429");

        JsonNode event = awaitEvent(sid);

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("outcome").asText()).isEqualTo("gave_up");
        assertThat(event.path("outcome_reason").asText()).contains("max-tracking-age").contains("last error: HTTP 429");
        assertThat(event.path("tracking").path("poll_count").asInt()).as("no request was made").isEqualTo(1);
    }

    @Test
    void aCallUnderALiveLeaseIsNotMadeDueByPollNow() {
        String sid = newCallSid();
        insert(sid, "ghost-account", "now()", "now() + interval '1 hour'", null);
        execute("UPDATE tracked_call SET claimed_by = 'another-instance', claim_token = nextval('claim_token_seq') WHERE call_sid = ?", sid);

        assertThat(schedule.pollNow(sid)).as("still reported as in flight").isTrue();
        assertThat(secondsUntilDue(sid)).as("left to its holder").isGreaterThan(3000);

        execute("UPDATE tracked_call SET claimed_by = NULL WHERE call_sid = ?", sid);
        assertThat(schedule.pollNow(sid)).isTrue();
        assertThat(secondsUntilDue(sid)).isLessThanOrEqualTo(0);
    }

    private void insert(String sid, String account, String firstSeenAt, String nextPollAt, String lastError) {
        execute("INSERT INTO tracked_call (call_sid, account_sid, first_seen_at, next_poll_at, last_error) VALUES (?, ?, "
                + firstSeenAt + ", " + nextPollAt + ", ?)", sid, account, lastError);
    }

    private String outcome(String sid) {
        return query("SELECT outcome FROM tracked_call WHERE call_sid = ?", sid);
    }

    private double secondsUntilDue(String sid) {
        return Double.parseDouble(query("SELECT extract(epoch FROM next_poll_at - now()) FROM tracked_call WHERE call_sid = ?", sid));
    }

    private void execute(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String query(String sql, String sid) {
        return Rows.value(dataSource, sql, sid);
    }
}
