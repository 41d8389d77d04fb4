package io.calltracker.exotel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Turns an HTTP answer of the Call Details API into a {@link PollResult}. */
final class CallDetailsReplies {

    private final ObjectMapper mapper;

    CallDetailsReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    PollResult classify(int httpStatus, String body, String retryAfterHeader, Instant now) {
        return switch (httpStatus) {
            case 200 -> parse(body);
            case 404 -> new PollResult.NotFound();
            case 401, 403 -> new PollResult.Unauthorized(httpStatus);
            case 429 -> new PollResult.RateLimited(retryAfter(retryAfterHeader, now));
            default -> new PollResult.Unavailable("HTTP " + httpStatus, retryAfter(retryAfterHeader, now));
        };
    }

    /**
     * A 200 is an answer about this call: whatever it holds is either read (odd fields kept as null plus
     * a note, see {@link CallDetails#read}) or {@link PollResult.Unusable}, never an exception.
     */
    private PollResult parse(String body) {
        if (body == null || body.isBlank()) {
            return new PollResult.Unusable("HTTP 200 with an empty body", body);
        }
        JsonNode details;
        try {
            details = mapper.readTree(body).path("response").path("call_details");
        } catch (JsonProcessingException | RuntimeException e) {
            // The message of a Jackson error quotes the body, which may hold recording URLs.
            return new PollResult.Unusable("HTTP 200 with an unparseable body (" + e.getClass().getSimpleName() + ")", body);
        }
        if (!details.isObject()) {
            return new PollResult.Unusable("HTTP 200 without call_details", body);
        }
        return new PollResult.Found(CallDetails.read(details), body);
    }

    /**
     * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Anything else (a sign, a
     * fraction, non-ASCII digits, another date format) is treated as absent; a number too large for a
     * long saturates rather than failing; a date in the past means now. Never throws, never negative:
     * {@link RetryAfterCap} then bounds the value before anything acts on it.
     */
    static Duration retryAfter(String header, Instant now) {
        String value = header == null ? "" : header.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException beyondLong) {
                return Duration.ofSeconds(Long.MAX_VALUE);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeException | ArithmeticException notADate) {
            return null;
        }
    }
}
