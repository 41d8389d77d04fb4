package io.calltracker.exotel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

/** Turns an HTTP answer of v1 Bulk Call Details into a {@link PollResult}. */
final class BulkCallsReplies {

    private final ObjectMapper mapper;

    BulkCallsReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    PollResult classify(int httpStatus, String body, String retryAfterHeader, Instant now) {
        return switch (httpStatus) {
            case 200 -> parse(body);
            // v1 not enabled for the account, or not offered at this host: the sweep falls back to per-call polling.
            case 401, 403, 404 -> new PollResult.BulkUnsupported(httpStatus);
            case 429 -> new PollResult.RateLimited(CallDetailsReplies.retryAfter(retryAfterHeader, now));
            default -> new PollResult.Unavailable("v1 HTTP " + httpStatus, CallDetailsReplies.retryAfter(retryAfterHeader, now));
        };
    }

    private PollResult parse(String body) {
        try {
            V1Calls page = body == null || body.isBlank() ? null : mapper.readValue(body, V1Calls.class);
            if (page == null || page.calls() == null) {
                return new PollResult.Unavailable("v1 HTTP 200 without Calls", null);
            }
            return new PollResult.Ended(page.calls().stream().filter(call -> call.sid() != null).toList());
        } catch (JsonProcessingException | RuntimeException e) {
            // The message of a Jackson error quotes the body, which may hold recording URLs.
            return new PollResult.Unavailable("v1 HTTP 200 with an unparseable body (" + e.getClass().getSimpleName() + ")", null);
        }
    }
}
