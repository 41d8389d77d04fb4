-- Bulk end-detection: when the v1 sweep last asked Exotel whether the call has ended.
-- NULL = never asked; the sweep orders by coalesce(swept_at, first_seen_at), oldest look first.
ALTER TABLE tracked_call ADD COLUMN swept_at timestamptz;

CREATE INDEX tracked_call_sweep_idx ON tracked_call (account_sid, (coalesce(swept_at, first_seen_at)))
    WHERE outcome IS NULL;
