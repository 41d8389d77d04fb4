-- The durable schedule: one row per tracked call, in flight until "outcome" is set.
CREATE SEQUENCE claim_token_seq;

CREATE TABLE tracked_call (
    call_sid             text        PRIMARY KEY,
    account_sid          text        NOT NULL,
    metadata             jsonb,
    first_seen_at        timestamptz NOT NULL DEFAULT now(),
    next_poll_at         timestamptz NOT NULL,
    poll_count           integer     NOT NULL DEFAULT 0,
    -- exponent of the backoff: grows with each poll that did not finish the call
    backoff_attempt      integer     NOT NULL DEFAULT 0,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    first_not_found_at   timestamptz,
    last_error           text,
    -- a claim is a lease: the claimer owns the row until next_poll_at; claim_token fences late writers
    claimed_by           text,
    claim_token          bigint,
    outcome              text,
    finished_at          timestamptz
);

-- The claim query reads only in-flight rows in due order.
CREATE INDEX tracked_call_due_idx ON tracked_call (next_poll_at) WHERE outcome IS NULL;

-- The final record: one row per finished call. Partitioned by month of finalised_at (always set,
-- UTC month boundaries) so that retention drops whole partitions instead of deleting rows; the
-- partitions are made ahead of time by V20's functions (job RecordPartitions). A partitioned table's
-- primary key must contain the partition key; one record per call is guaranteed by tracked_call,
-- whose fenced finish is written in the same transaction as the record.
CREATE TABLE call_record (
    call_sid             text        NOT NULL,
    account_sid          text        NOT NULL,
    outcome              text        NOT NULL,
    outcome_reason       text,
    direction            text,
    virtual_number       text,
    state                text,
    status               text,
    created_time         timestamptz,
    updated_time         timestamptz,
    start_time           timestamptz,
    end_time             timestamptz,
    total_duration       integer,
    total_talk_time      integer,
    custom_field         text,
    app_id               text,
    app_name             text,
    digits               text,
    recordings           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    legs_path            text,
    raw_response         jsonb,
    metadata             jsonb,
    first_seen_at        timestamptz NOT NULL,
    terminal_detected_at timestamptz,
    finalised_at         timestamptz NOT NULL,
    poll_count           integer     NOT NULL,
    PRIMARY KEY (call_sid, finalised_at)
) PARTITION BY RANGE (finalised_at);

-- Catches every row no monthly partition covers yet, so an insert never fails for want of one.
CREATE TABLE call_record_default PARTITION OF call_record DEFAULT;

CREATE INDEX call_record_created_time_idx ON call_record (created_time);
CREATE INDEX call_record_status_idx ON call_record (status);

-- The transactional outbox: written with the record, published by the relay.
CREATE TABLE outbox_event (
    id            bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    event_type    text        NOT NULL,
    call_sid      text        NOT NULL,
    payload       text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text,
    sent_at       timestamptz
);

CREATE INDEX outbox_event_unsent_idx ON outbox_event (id) WHERE sent_at IS NULL;
