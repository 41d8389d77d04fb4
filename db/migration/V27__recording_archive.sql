-- Recording archival (issue 13): one row per recording of a finished call, copied from Exotel's
-- expiring pre-signed link into an S3-compatible bucket. A durable job in the style of tracked_call:
-- claimed with one UPDATE … SKIP LOCKED … RETURNING that pushes next_attempt_at to the end of a lease and
-- takes a new fencing token; every later write names that token, so a claim lost to another instance
-- (lease over) changes nothing.
CREATE SEQUENCE archive_claim_token_seq;

CREATE TABLE recording_archive (
    call_sid        text        NOT NULL,
    -- 1-based position in the call's recordings list, as in the object key
    recording_index integer     NOT NULL CHECK (recording_index >= 1),
    account_sid     text        NOT NULL,
    -- The pre-signed link: a credential. NULL once settled, or when a fresh one must be fetched from v3 first.
    source_url      text,
    -- Decided when the row is written, so every attempt writes the same key (a re-run overwrites, never duplicates).
    object_key      text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'archived', 'expired', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    refreshes       integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    claim_token     bigint,
    -- A multipart upload begun and not completed: aborted by the next attempt, so no part is left behind.
    upload_id       text,
    content_type    text,
    size_bytes      bigint,
    sha256          text,
    last_error      text,
    -- Bumped by an operator's re-archive: each round of a call settles into its own event.
    generation      integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    settled_at      timestamptz,
    PRIMARY KEY (call_sid, recording_index)
);

CREATE INDEX recording_archive_due_idx ON recording_archive (next_attempt_at) WHERE status = 'pending';

-- What the archive holds of the call's recordings, next to (or, by tracker.recordings.archive.keep-links=false,
-- instead of) the expiring links in call_record.recordings: [{index, status, object_key, size_bytes, sha256, …}].
ALTER TABLE call_record ADD COLUMN recording_archive jsonb;
