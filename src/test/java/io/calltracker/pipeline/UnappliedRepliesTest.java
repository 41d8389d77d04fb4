package io.calltracker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.calltracker.records.CallRecord;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.ScriptedReply;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.EventSchema;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies that can never be applied (issue 9, item 4): the call ends with an outcome and its event
 * within a bounded number of polls, never loops once per lease.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class UnappliedRepliesTest extends PipelineHarness {

    /** tracker.max-poll-failures's default. */
    private static final int MAX_POLL_FAILURES = 10;

    @Inject
    CallSimulator simulator;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCallWhoseRepliesCannotBeReadEndsFailedWithItsEventWithinBoundedPolls() {
        String sid = newCallSid();
        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid).ring(Duration.ofHours(1)).build());
        String proxyPage = "<html>\u0000gateway says hello</html>";
        simulator.script(sid, Collections.nCopies(MAX_POLL_FAILURES + 5, new ScriptedReply(200, null, proxyPage)));
        send(sid, sid);

        JsonNode event = awaitEvent(sid);
        CallRecord record = PipelineTest.record(sid);

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("outcome").asText()).isEqualTo("failed");
        assertThat(event.path("outcome_reason").asText())
                .isEqualTo("HTTP 200 with an unparseable body (JsonParseException) (" + MAX_POLL_FAILURES + " polls in a row)");
        assertThat(record.outcome).isEqualTo("failed");
        assertThat(record.pollCount).isEqualTo(MAX_POLL_FAILURES);
        assertThat(CompletedEvents.json(record.rawResponse).path("unparsed_body").asText())
                .as("raw body kept, NUL replaced").isEqualTo(proxyPage.replace('\u0000', '\ufffd'));
        assertThat(tracked(sid, "last_error")).isEqualTo(event.path("outcome_reason").asText());
    }

    @Test
    void nulAndOddFieldsOfATerminalReplyAreStoredInsteadOfLooping() throws IOException {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        String reply = fixture("seed-completed-call.json")
                .replace("\"custom_field\": null", "\"custom_field\": \"lead\\u0000-77\"")
                .replace("\"created_time\": \"2022-11-03 22:54:40+05:30\"", "\"created_time\": \"2024-13-45 99:99:99+05:30\"")
                .replace("\"total_talk_time\": 59", "\"total_talk_time\": \"fifty-nine\"");
        simulator.script(sid, List.of(new ScriptedReply(200, null, reply)));
        send(sid, sid);

        JsonNode event = awaitEvent(sid);
        CallRecord record = PipelineTest.record(sid);

        assertThat(EventSchema.violations(event.toString())).isEmpty();
        assertThat(event.path("outcome").asText()).isEqualTo("terminal");
        assertThat(record.status).isEqualTo("completed");
        assertThat(record.customField).isEqualTo("lead\ufffd-77");
        assertThat(record.createdTime).isNull();
        assertThat(record.totalTalkTime).isNull();
        assertThat(record.totalDuration).isEqualTo(84);
        assertThat(record.mappingNotes).isEqualTo("created_time: not a time\ntotal_talk_time: not a count of seconds");
        // jsonb refuses the escape \u0000: the body is kept unchanged as text.
        assertThat(CompletedEvents.json(record.rawResponse).path("unparsed_body").asText()).isEqualTo(reply);
        assertThat(record.pollCount).isEqualTo(1);
    }

    @Test
    void aRecordTheDatabaseRefusesEndsTheCallFailedWithAMinimalRecord() throws SQLException {
        String sid = newCallSid();
        execute("""
                CREATE FUNCTION refuse_test_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.call_sid = '%s' AND NEW.outcome = 'terminal' THEN
                        RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22021';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_test_record BEFORE INSERT ON call_record
                    FOR EACH ROW EXECUTE FUNCTION refuse_test_record();
                """.formatted(sid));
        try {
            simulator.register(quickCall(sid));
            send(sid, sid);

            JsonNode event = awaitEvent(sid);
            CallRecord record = PipelineTest.record(sid);

            assertThat(EventSchema.violations(event.toString())).isEmpty();
            assertThat(event.path("outcome").asText()).isEqualTo("failed");
            assertThat(record.outcomeReason).startsWith("reply not applied: ").contains("SQLSTATE 22021")
                    .endsWith("(" + MAX_POLL_FAILURES + " polls in a row)");
            // Polls while the call was still active came first (how many depends on timing); the failures are in a row.
            assertThat(record.pollCount).isGreaterThanOrEqualTo(MAX_POLL_FAILURES);
            assertThat(CompletedEvents.json(record.rawResponse).path("response").path("call_details").path("state").asText())
                    .as("the last reply kept").isEqualTo("terminal");
            assertThat(event.path("status").isNull()).isTrue();
        } finally {
            execute("DROP TRIGGER refuse_test_record ON call_record; DROP FUNCTION refuse_test_record();");
        }
    }

    private String tracked(String sid, String column) {
        return Rows.value(dataSource, "SELECT " + column + " FROM tracked_call WHERE call_sid = ?", sid);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
