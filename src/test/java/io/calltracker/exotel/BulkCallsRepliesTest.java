package io.calltracker.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkCallsRepliesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final BulkCallsReplies replies = new BulkCallsReplies(new ObjectMapper());

    @Test
    void listsTheEndedCallsAndWhetherExotelHasProcessedThem() {
        String body = """
                {"Metadata": {"Total": 2, "PageSize": 100}, "Calls": [
                  {"Sid": "a1b2c3d4e5f6a7b8", "Status": "completed", "EndTime": "2026-11-27 15:32:00", "Duration": "84", "Price": "1.000"},
                  {"Sid": "b1b2c3d4e5f6a7b8", "Status": "no-answer", "EndTime": null, "Duration": null}]}
                """;
        PollResult.Ended ended = (PollResult.Ended) replies.classify(200, body, null, NOW);
        assertThat(ended.calls()).extracting(V1Calls.Call::sid).containsExactly("a1b2c3d4e5f6a7b8", "b1b2c3d4e5f6a7b8");
        assertThat(ended.calls()).extracting(V1Calls.Call::processed).containsExactly(true, false);
    }

    @Test
    void noCallListedMeansNoneHasEnded() {
        assertThat(replies.classify(200, "{\"Metadata\": {}, \"Calls\": []}", null, NOW))
                .isEqualTo(new PollResult.Ended(List.of()));
    }

    @Test
    void refusalsMeanTheAccountCannotUseV1() {
        for (int status : new int[] {401, 403, 404}) {
            String body = "{\"RestException\": {\"Status\": " + status + ", \"Message\": \"no\"}}";
            assertThat(replies.classify(status, body, null, NOW)).isEqualTo(new PollResult.BulkUnsupported(status));
        }
    }

    @Test
    void faultsAreRetriedLikeCallDetailsFaults() {
        assertThat(replies.classify(429, "", "7", NOW)).isEqualTo(new PollResult.RateLimited(Duration.ofSeconds(7)));
        assertThat(replies.classify(503, "", null, NOW)).isInstanceOf(PollResult.Unavailable.class);
        assertThat(replies.classify(200, "<html>", null, NOW)).isInstanceOf(PollResult.Unavailable.class);
        assertThat(replies.classify(200, "{\"Metadata\": {}}", null, NOW)).isInstanceOf(PollResult.Unavailable.class);
    }
}
