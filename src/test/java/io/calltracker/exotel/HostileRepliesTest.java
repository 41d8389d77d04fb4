package io.calltracker.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.testing.HostileInputs;
import io.calltracker.testing.HostileReplies;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever Exotel (or a proxy) answers, classifying it returns a {@link PollResult}, nothing
 * else escapes, and a call_details it accepts holds only times that parse.
 */
class HostileRepliesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper();
    private final CallDetailsReplies v3 = new CallDetailsReplies(mapper);
    private final BulkCallsReplies v1 = new BulkCallsReplies(mapper);

    @Test
    void everyCallDetailsAnswerBecomesAPollResult() {
        HostileInputs.forAll(3000, g -> {
            HostileReplies replies = new HostileReplies(g);
            PollResult result = v3.classify(replies.status(), replies.callDetailsBody(), replies.retryAfter(), NOW);
            assertThat(result).isNotNull();
            if (result instanceof PollResult.Found found) {
                CallDetails details = found.details();
                // Every time it holds parses: nothing downstream (policy, strategy, record) can throw on one.
                details.created();
                details.updated();
                details.started();
                details.ended();
                assertThat(details.recordingsOrEmpty()).doesNotContainNull();
                assertThat(details.notes()).isNotNull();
            }
        });
    }

    @Test
    void everyBulkCallsAnswerBecomesAPollResult() {
        HostileInputs.forAll(3000, g -> {
            HostileReplies replies = new HostileReplies(g);
            PollResult result = v1.classify(replies.status(), replies.bulkCallsBody(), replies.retryAfter(), NOW);
            assertThat(result).isNotNull();
            if (result instanceof PollResult.Ended ended) {
                assertThat(ended.calls()).allSatisfy(call -> {
                    assertThat(call.sid()).isNotNull();
                    call.processed();
                });
            }
        });
    }
}
