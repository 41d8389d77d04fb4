-- Where an in-flight call was at its last poll (ringing, talking, post_processing, not_found, …):
-- for operators, metrics and phase-aware polling.
ALTER TABLE tracked_call ADD COLUMN phase text NOT NULL DEFAULT 'new';
