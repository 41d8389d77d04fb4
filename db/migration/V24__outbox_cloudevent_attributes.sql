-- The completion event goes out as a CloudEvent in Kafka's binary mode (issue 11): the relay writes the
-- ce_* headers from the outbox row, so each row keeps what they need and a resend (or a replay) sends
-- the same headers as the first send.
--
-- account_sid: the account the event is about (header ce_source).
-- occurred_at: when it happened (header ce_time); for call.completed the call's finalised_at. Stored,
--              not taken at send time, so that a resend carries the original time.
ALTER TABLE outbox_event ADD COLUMN account_sid text;
ALTER TABLE outbox_event ADD COLUMN occurred_at timestamptz;

-- Rows written before this migration are all call.completed events, whose payload holds both.
UPDATE outbox_event
   SET account_sid = payload::jsonb ->> 'account_sid',
       occurred_at = coalesce((payload::jsonb #>> '{tracking,finalised_at}')::timestamptz, created_at);

ALTER TABLE outbox_event ALTER COLUMN account_sid SET NOT NULL;
ALTER TABLE outbox_event ALTER COLUMN occurred_at SET NOT NULL;
