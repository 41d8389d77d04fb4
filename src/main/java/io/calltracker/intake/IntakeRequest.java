package io.calltracker.intake;

/** A call to track, as understood from one intake message. {@code metadataJson} is an opaque JSON object or null. */
public record IntakeRequest(String callSid, String accountSid, String metadataJson) {
}
