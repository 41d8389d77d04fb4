-- Retention of the rows nothing needs once their call is over (issue 11, item 6).
--
-- outbox_event: a sent event's payload (pre-signed recording URLs, phone numbers) is deleted
-- tracker.retention.sent-events.keep after Kafka acknowledged it (publishing/SentEventPurge).
-- Unsent rows (sent_at NULL, including replayed ones) are never deleted.
CREATE INDEX outbox_event_sent_at_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- tracked_call: a finished call's schedule row is deleted tracker.retention.finished-calls.keep after
-- it finished (tracking/FinishedCallPurge). In-flight rows (outcome NULL) are never deleted. Intake
-- still knows the call by its call_record, so a SID sent again is not tracked a second time.
CREATE INDEX tracked_call_finished_idx ON tracked_call (finished_at) WHERE outcome IS NOT NULL;
