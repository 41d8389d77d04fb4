package io.calltracker.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CallDetailsRepliesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final CallDetailsReplies replies = new CallDetailsReplies(new ObjectMapper());

    @Test
    void seedCompletedCallIsTerminalWithEveryField() throws IOException {
        PollResult result = replies.classify(200, fixture("seed-completed-call.json"), null, NOW);

        assertThat(result).isInstanceOf(PollResult.Found.class);
        CallDetails details = ((PollResult.Found) result).details();
        assertThat(details.isTerminal()).isTrue();
        assertThat(details.sid()).isEqualTo("cabfb1dfa8c5e1c7f2c458423b7716b3");
        assertThat(details.status()).isEqualTo("completed");
        assertThat(details.totalDuration()).isEqualTo(84);
        assertThat(details.totalTalkTime()).isEqualTo(59);
        assertThat(details.ended()).isEqualTo(ExotelTime.parse("2022-11-03 22:56:04+05:30"));
        assertThat(details.recordingsOrEmpty()).hasSize(1);
        assertThat(details.legs()).endsWith("/legs");
    }

    @Test
    void seedActiveCallIsActiveWithNoEndTime() throws IOException {
        PollResult.Found found = (PollResult.Found) replies.classify(200, fixture("seed-active-call.json"), null, NOW);

        assertThat(found.details().isTerminal()).isFalse();
        assertThat(found.details().status()).isNull();
        assertThat(found.details().ended()).isNull();
        assertThat(found.details().started()).isNotNull();
    }

    @Test
    void aTwoHundredThatIsNoCallDetailsIsUnusableAndKeepsTheBody() {
        assertThat(replies.classify(200, "{\"response\": {\"code\": 200}}", null, NOW))
                .isEqualTo(new PollResult.Unusable("HTTP 200 without call_details", "{\"response\": {\"code\": 200}}"));
        assertThat(replies.classify(200, "{\"response\": {\"call_details\": {\"sid\"", null, NOW))
                .isInstanceOf(PollResult.Unusable.class);
        assertThat(replies.classify(200, "<html>", null, NOW)).isEqualTo(
                new PollResult.Unusable("HTTP 200 with an unparseable body (JsonParseException)", "<html>"));
        assertThat(replies.classify(200, "{\"response\": {\"call_details\": [1]}}", null, NOW))
                .isInstanceOf(PollResult.Unusable.class);
        assertThat(replies.classify(500, "oops", null, NOW)).isEqualTo(new PollResult.Unavailable("HTTP 500", null));
    }

    @Test
    void oddFieldsAreKeptAsNullWithANoteAndTheRestIsRead() {
        String body = """
                {"response": {"call_details": {"sid": "cabfb1dfa8c5e1c7f2c458423b7716b3", "state": "terminal",
                  "status": "a-status-exotel-adds-later", "created_time": "2024-13-45 99:99:99+05:30",
                  "updated_time": "yesterday", "start_time": "+99999-01-01T00:00:00Z", "end_time": "2022-11-03 22:56:04+05:30",
                  "total_duration": "84", "total_talk_time": 1e30, "custom_field": "lead\\u0000-77", "app_id": 42,
                  "app_name": {"nested": true}, "digits": ["1"], "recordings": [{"url": 5}, {"url": "https://r/1.mp3"}, "x"],
                  "an_extra_field": {"deep": [1, 2, 3]}}}}
                """;
        CallDetails details = ((PollResult.Found) replies.classify(200, body, null, NOW)).details();

        assertThat(details.isTerminal()).isTrue();
        assertThat(details.status()).isEqualTo("a-status-exotel-adds-later");
        assertThat(details.createdTime()).isNull();
        assertThat(details.updatedTime()).isNull();
        assertThat(details.startTime()).isNull();
        assertThat(details.ended()).isEqualTo(ExotelTime.parse("2022-11-03 22:56:04+05:30"));
        assertThat(details.totalDuration()).isEqualTo(84);
        assertThat(details.totalTalkTime()).isNull();
        assertThat(details.customField()).isEqualTo("lead\u0000-77");
        assertThat(details.appId()).isEqualTo("42");
        assertThat(details.appName()).isNull();
        assertThat(details.digits()).isNull();
        assertThat(details.recordingsOrEmpty()).extracting(CallDetails.Recording::url).containsExactly("https://r/1.mp3");
        assertThat(details.notes()).containsExactlyInAnyOrder("created_time: not a time", "updated_time: not a time",
                "start_time: not a time", "total_talk_time: not a count of seconds", "app_name: object where text was expected",
                "digits: array where text was expected", "recordings: an entry without a text url",
                "recordings: an entry without a text url");
    }

    @Test
    void statusCodesMapToResults() {
        assertThat(replies.classify(404, "", null, NOW)).isInstanceOf(PollResult.NotFound.class);
        assertThat(replies.classify(401, "", null, NOW)).isEqualTo(new PollResult.Unauthorized(401));
        assertThat(replies.classify(403, "", null, NOW)).isEqualTo(new PollResult.Unauthorized(403));
        assertThat(replies.classify(429, "", "7", NOW)).isEqualTo(new PollResult.RateLimited(Duration.ofSeconds(7)));
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertThat(CallDetailsReplies.retryAfter("120", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(CallDetailsReplies.retryAfter("Fri, 27 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CallDetailsReplies.retryAfter("soon", NOW)).isNull();
        assertThat(CallDetailsReplies.retryAfter(null, NOW)).isNull();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CallDetailsRepliesTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
