package io.calltracker.tracking;

/** A call to start tracking. {@code metadataJson} is an opaque JSON object or null. */
public record NewCall(String callSid, String accountSid, String metadataJson) {
}
