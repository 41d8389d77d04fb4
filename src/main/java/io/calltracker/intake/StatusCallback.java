package io.calltracker.intake;

/**
 * What the tracker reads of an Exotel status callback: which call to look at. Everything else in the
 * body (Status, RecordingUrl, …) is ignored on purpose: the v3 call details fetched next are the record.
 *
 * @param accountSid null when the callback names none (Exotel's v1 callbacks do not)
 */
record StatusCallback(String callSid, String accountSid) {
}
