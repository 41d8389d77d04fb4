package io.exotelsim;

/**
 * The vendor endpoints the simulator plays. They share one account's credentials, budget and faults,
 * but each answers its errors in its own dialect.
 */
enum SimulatedEndpoint {
    V3_CALL_DETAILS("v3_call_details"),
    V3_LEGS("v3_legs"),
    V1_BULK("v1_bulk");

    /** The key under {@code requests_by_endpoint} in the statistics. */
    final String statsName;

    SimulatedEndpoint(String statsName) {
        this.statsName = statsName;
    }

    ExotelReply authenticationFailed() {
        return switch (this) {
            case V3_CALL_DETAILS, V3_LEGS -> ExotelReply.authenticationFailed();
            case V1_BULK -> ExotelReply.restException(401, "Authentication failed");
        };
    }

    /** Call details and v1 answer in the rate limiter's own shape; the legs API uses its v3 envelope. */
    ExotelReply rateLimited() {
        return switch (this) {
            case V3_CALL_DETAILS, V1_BULK -> ExotelReply.rateLimited();
            case V3_LEGS -> ExotelReply.tooManyRequests();
        };
    }

    ExotelReply serverError(int status) {
        return switch (this) {
            case V3_CALL_DETAILS, V3_LEGS -> ExotelReply.serverError(status);
            case V1_BULK -> ExotelReply.restException(status, "Internal server error");
        };
    }
}
