-- The legs of a terminal call (v3 Call Legs API). The API is Beta and may be disabled for an
-- account: call_record.legs_status then says why there are none.
CREATE TABLE call_leg (
    call_sid     text        NOT NULL,
    side         text        NOT NULL CHECK (side IN ('from', 'to')),
    position     integer     NOT NULL,
    leg_sid      text,
    name         text,
    contact_uri  text,
    status       text,
    date_created timestamptz,
    date_updated timestamptz,
    group_id     text,
    group_name   text,
    PRIMARY KEY (call_sid, side, position)
);

ALTER TABLE call_record ADD COLUMN legs_status text;
