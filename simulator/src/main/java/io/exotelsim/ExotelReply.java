package io.exotelsim;

import java.time.Duration;
import java.util.Map;

/**
 * One HTTP answer of the simulated Exotel API, before it is put on the wire.
 *
 * @param retryAfterSeconds the {@code Retry-After} header, or null for none
 * @param delay             how long to hold the answer back (injected latency)
 */
record ExotelReply(int status, String body, Integer retryAfterSeconds, Duration delay) {

    static ExotelReply of(int status, String body) {
        return new ExotelReply(status, body, null, Duration.ZERO);
    }

    static ExotelReply callDetails(CallDetailsView details) {
        return of(200, ExotelBodies.callDetails(details));
    }

    static ExotelReply legDetails(Map<String, Object> legDetails) {
        return of(200, ExotelBodies.legDetails(legDetails));
    }

    static ExotelReply authenticationFailed() {
        return failure(401, 1010, "Authentication failed");
    }

    static ExotelReply callNotFound() {
        return failure(404, 10744, "Call not found");
    }

    /** What the legs API answers for an account the vendor has not enabled it for. */
    static ExotelReply tenantNotFound() {
        return failure(404, 1017, "Tenant not found");
    }

    /** The legs API reports its rate limit in the v3 envelope, unlike the call details gateway. */
    static ExotelReply tooManyRequests() {
        return failure(429, 10724, "Too many requests");
    }

    static ExotelReply serverError(int status) {
        return failure(status, 10715, "Internal server error");
    }

    static ExotelReply rateLimited() {
        return of(429, ExotelBodies.rateLimited());
    }

    /** A v1 error. */
    static ExotelReply restException(int status, String message) {
        return of(status, V1Bodies.restException(status, message));
    }

    private static ExotelReply failure(int status, int errorCode, String message) {
        return of(status, ExotelBodies.failure(status, errorCode, message));
    }

    ExotelReply withRetryAfter(Integer seconds) {
        return new ExotelReply(status, body, seconds, delay);
    }

    ExotelReply delayedBy(Duration latency) {
        return new ExotelReply(status, body, retryAfterSeconds, latency);
    }
}
