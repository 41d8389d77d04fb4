-- Issue 12, item 1: the moment each account's last v1 sweep request went out, shared by every instance.
-- A sweep request is paced to one per (sweep interval × 100 ÷ calls in flight), so N calls in flight cost
-- N/100 requests per interval; taking the slot is one conditional upsert, so two instances never both
-- send the same slot's request. One row per account that ever swept: no retention needed.
CREATE TABLE bulk_sweep_pace (
    account_sid  text        PRIMARY KEY,
    last_sent_at timestamptz NOT NULL
);
