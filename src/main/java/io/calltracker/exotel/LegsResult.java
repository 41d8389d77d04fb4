package io.calltracker.exotel;

/** The legs of a call, or why there are none. The legs API is Beta: its failure never blocks a record. */
public sealed interface LegsResult {

    record Fetched(CallLegs legs) implements LegsResult {
    }

    /** {@code reason} goes into call_record.legs_status, e.g. "unavailable: HTTP 404". */
    record Unavailable(String reason) implements LegsResult {
    }
}
