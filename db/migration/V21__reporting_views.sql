-- Reporting over call_record and tracked_call. Days are taken in a time zone chosen by the report:
-- each report is a function of the zone, e.g. call_volume_daily('Europe/London'), and a view of the
-- same name with suffix _ist gives it in Asia/Kolkata, the zone most readers want. The functions are
-- plain SQL, so PostgreSQL inlines them and a filter on the view (WHERE day >= …) reaches the indexes.
-- Examples: db/reporting/examples.sql.

-- The day a call is reported under, in "zone": Exotel's created_time, or for a call Exotel never
-- showed (outcome not_found, no created_time) the time the tracker first heard of it. Immutable like
-- timezone() itself, so that it can be indexed.
CREATE FUNCTION report_day(created_time timestamptz, first_seen_at timestamptz, zone text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT timezone(zone, coalesce(created_time, first_seen_at))::date
$$;

-- Every report below reads call_record through this subquery, which adds each call's day:
--   (SELECT report_day(created_time, first_seen_at, zone) AS day, * FROM call_record)

-- Calls and answer rate per day, account, virtual number and direction. answer_rate is the share of
-- calls whose status is "completed" (the only status of an answered call), rounded to 4 places.
CREATE FUNCTION call_volume_daily(zone text)
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text,
               calls bigint, answered bigint, answer_rate numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.virtual_number, r.direction,
           count(*),
           count(*) FILTER (WHERE r.status = 'completed'),
           round((count(*) FILTER (WHERE r.status = 'completed'))::numeric / count(*), 4)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, * FROM call_record) r
     GROUP BY r.day, r.account_sid, r.virtual_number, r.direction
$$;

-- Calls per status, with each status's share of the calls of its day, account, virtual number and
-- direction. status is NULL for calls Exotel never showed as terminal (outcomes not_found, gave_up).
CREATE FUNCTION call_status_daily(zone text)
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text, status text,
               calls bigint, share numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.virtual_number, r.direction, r.status,
           count(*),
           round(count(*)::numeric
                 / sum(count(*)) OVER (PARTITION BY r.day, r.account_sid, r.virtual_number, r.direction), 4)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, * FROM call_record) r
     GROUP BY r.day, r.account_sid, r.virtual_number, r.direction, r.status
$$;

-- Talk time of answered calls (status "completed"), in seconds: total, mean and percentiles.
-- total_talk_time accumulates across transfers, so a transferred call counts once with all its talk.
CREATE FUNCTION talk_time_daily(zone text)
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text, answered bigint,
               total_talk_seconds bigint, mean_talk_seconds numeric,
               p50_talk_seconds double precision, p90_talk_seconds double precision,
               p99_talk_seconds double precision)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.virtual_number, r.direction,
           count(*),
           sum(r.total_talk_time),
           round(avg(r.total_talk_time), 2),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY r.total_talk_time),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY r.total_talk_time),
           percentile_cont(0.99) WITHIN GROUP (ORDER BY r.total_talk_time)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, * FROM call_record) r
     WHERE r.status = 'completed'
     GROUP BY r.day, r.account_sid, r.virtual_number, r.direction
$$;

-- DTMF choices per flow: Exotel's digits "1-4-#" are the keys pressed at steps 1, 2 and 3 of the
-- flow (app_id, app_name). calls counts the calls that pressed "choice" at "step"; share is their
-- part of the calls that pressed a key at that step of that flow that day.
CREATE FUNCTION dtmf_choices_daily(zone text)
RETURNS TABLE (day date, account_sid text, app_id text, app_name text, step integer, choice text,
               calls bigint, share numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.app_id, r.app_name, k.step::integer, k.choice,
           count(*),
           round(count(*)::numeric
                 / sum(count(*)) OVER (PARTITION BY r.day, r.account_sid, r.app_id, r.app_name, k.step), 4)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, * FROM call_record) r
      CROSS JOIN LATERAL unnest(string_to_array(r.digits, '-')) WITH ORDINALITY AS k (choice, step)
     WHERE r.digits IS NOT NULL AND k.choice <> ''
     GROUP BY r.day, r.account_sid, r.app_id, r.app_name, k.step, k.choice
$$;

CREATE VIEW call_volume_daily_ist AS SELECT * FROM call_volume_daily('Asia/Kolkata');
CREATE VIEW call_status_daily_ist AS SELECT * FROM call_status_daily('Asia/Kolkata');
CREATE VIEW talk_time_daily_ist AS SELECT * FROM talk_time_daily('Asia/Kolkata');
CREATE VIEW dtmf_choices_daily_ist AS SELECT * FROM dtmf_choices_daily('Asia/Kolkata');

-- Calls still being tracked, oldest first; age counts from intake, phase is where the last poll
-- found the call (V3). Zone-free: ages are intervals.
CREATE VIEW calls_in_flight AS
SELECT call_sid, account_sid, phase, first_seen_at, now() - first_seen_at AS age, poll_count, next_poll_at,
       consecutive_failures, last_error, claimed_by
  FROM tracked_call
 WHERE outcome IS NULL
 ORDER BY first_seen_at;

-- Per account and phase: how many calls are in flight and how old they are.
CREATE VIEW calls_in_flight_summary AS
SELECT account_sid, phase, count(*) AS calls, min(first_seen_at) AS oldest_first_seen_at,
       now() - min(first_seen_at) AS oldest_age,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY now() - first_seen_at) AS p50_age,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY now() - first_seen_at) AS p90_age
  FROM tracked_call
 WHERE outcome IS NULL
 GROUP BY account_sid, phase;

-- A day range on the _ist views reads only those days.
CREATE INDEX call_record_report_day_ist_idx ON call_record (report_day(created_time, first_seen_at, 'Asia/Kolkata'));
-- The DTMF report of one flow reads only that flow's calls with digits.
CREATE INDEX call_record_flow_digits_idx ON call_record (app_id, report_day(created_time, first_seen_at, 'Asia/Kolkata'))
    WHERE digits IS NOT NULL;
-- The in-flight views (and the in-flight gauges) read only in-flight rows.
CREATE INDEX tracked_call_in_flight_idx ON tracked_call (account_sid, first_seen_at) WHERE outcome IS NULL;
