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
    void unusableAnswersAreRetryable() {
        assertThat(replies.classify(200, "{\"response\": {\"code\": 200}}", null, NOW))
                .isEqualTo(new PollResult.Unavailable("HTTP 200 without call_details", null));
        assertThat(replies.classify(200, "{\"response\": {\"call_details\": {\"sid\"", null, NOW))
                .isInstanceOf(PollResult.Unavailable.class);
        assertThat(replies.classify(200, "<html>", null, NOW)).isInstanceOf(PollResult.Unavailable.class);
        assertThat(replies.classify(500, "oops", null, NOW)).isEqualTo(new PollResult.Unavailable("HTTP 500", null));
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
