-- Per-account API state shared by every instance: Retry-After windows and the 429 slow-down.
CREATE TABLE account_state (
    account_sid          text        PRIMARY KEY,
    -- no request to this account before this moment, from any instance (Retry-After, 429 backoff)
    blocked_until        timestamptz,
    -- 0 = the full rate share; n = share / 2^n after 429s, back down by one per calm minute
    throttle_level       integer     NOT NULL DEFAULT 0,
    last_rate_limited_at timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Token buckets of the per-account rate share (Bucket4j's PostgreSQL backend owns the format).
CREATE TABLE rate_budget_bucket (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

-- Claims are made per account (each has its own budget): lead the due index with the account.
DROP INDEX tracked_call_due_idx;
CREATE INDEX tracked_call_due_idx ON tracked_call (account_sid, next_poll_at) WHERE outcome IS NULL;
