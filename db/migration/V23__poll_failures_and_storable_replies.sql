-- Replies that can never be applied (issue 9, item 4).
--
-- poll_failures counts consecutive polls whose reply could not be applied: a 200 that is not a readable
-- call_details, or an exception between the reply and its write (mapping, finalising). A poll that is
-- applied resets it. consecutive_failures keeps counting Exotel's faults (5xx, 404, 429), which end a
-- call only at max-tracking-age; poll_failures ends it with outcome 'failed' after
-- tracker.max-poll-failures.
ALTER TABLE tracked_call ADD COLUMN poll_failures integer NOT NULL DEFAULT 0;

-- What the record could not keep of Exotel's reply ("created_time: not a time", …): the field is NULL
-- in the record and raw_response still holds the reply as received.
ALTER TABLE call_record ADD COLUMN mapping_notes text;

-- raw_response keeps the reply as received whenever jsonb can hold it. jsonb refuses some valid JSON
-- (the escape \u0000, lone surrogate escapes, numbers beyond numeric's range, extreme nesting); such a
-- body is kept unchanged as a JSON string: {"unparsed_body": "<the body>"}. PostgreSQL itself decides,
-- so nothing it refuses can reach the column, and nothing PostgreSQL accepts is altered.
CREATE FUNCTION storable_jsonb(body text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN body::jsonb;
EXCEPTION WHEN data_exception OR program_limit_exceeded THEN
    RETURN jsonb_build_object('unparsed_body', body);
END
$$;
