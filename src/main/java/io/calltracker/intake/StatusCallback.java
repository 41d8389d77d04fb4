package io.calltracker.intake;

import java.time.Instant;

/**
 * What the tracker reads of an Exotel status callback: which call to look at, and when it ended.
 * Everything else in the body (Status, RecordingUrl, …) is ignored on purpose: the v3 call details
 * fetched later are the record, and the end time only says when looking is worth a request.
 *
 * @param accountSid null when the callback names none (Exotel's v1 callbacks do not)
 * @param endedAt    the callback's EndTime, null when it has none or it is unreadable
 */
record StatusCallback(String callSid, String accountSid, Instant endedAt) {
}
