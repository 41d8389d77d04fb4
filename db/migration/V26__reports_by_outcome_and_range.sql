-- Reports that tell outcomes apart and read only the partitions of the range asked for (issue 11, item 7).
--
-- 1. call_status_daily gets column "outcome": calls Exotel never showed as terminal have status NULL,
--    and outcome tells not_found from gave_up, failed and cancelled.
-- 2. Every daily report also takes a range of days: call_volume_daily(zone, from_day, to_day), both
--    days included, in "zone". call_record is partitioned by finalised_at, a report's day comes from
--    created_time, so a filter on the day alone reads every partition. A call created on a day of the
--    range is finalised after it began and, as tracking ends at tracker.max-tracking-age after intake,
--    within a day after the range's end; the range functions filter finalised_at on that window, so
--    PostgreSQL reads only the partitions the window overlaps (with constant days, at planning). A call
--    that reached the tracker later than that after its creation (an intake backlog of more than ~19 h
--    with the default 5 h max age) needs a longer window: pass it as the fourth argument,
--    finalised_within (default 1 day).
--    The zone-only functions and the _ist views still cover every record (whole history): they are the
--    range functions over (-infinity, infinity).

-- The records of the calls created (for a call Exotel never showed: first heard of) on the days
-- from_day..to_day in "zone". finalised_at lower bound: a call is finalised after the tracker heard of
-- it, which is after Exotel created it. Upper bound in the zone's wall time (timestamp + interval is
-- immutable, timestamptz + interval is not), so that constant days prune at planning.
CREATE FUNCTION report_records(zone text, from_day date, to_day date, finalised_within interval)
RETURNS SETOF call_record
LANGUAGE sql STABLE AS $$
    SELECT *
      FROM call_record
     WHERE finalised_at >= from_day::timestamp AT TIME ZONE zone
       AND finalised_at < ((to_day + 1)::timestamp + finalised_within) AT TIME ZONE zone
       AND report_day(created_time, first_seen_at, zone) BETWEEN from_day AND to_day
$$;

CREATE FUNCTION call_volume_daily(zone text, from_day date, to_day date, finalised_within interval DEFAULT interval '1 day')
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text,
               calls bigint, answered bigint, answer_rate numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.virtual_number, r.direction,
           count(*),
           count(*) FILTER (WHERE r.status = 'completed'),
           round((count(*) FILTER (WHERE r.status = 'completed'))::numeric / count(*), 4)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, *
              FROM report_records(zone, from_day, to_day, finalised_within)) r
     GROUP BY r.day, r.account_sid, r.virtual_number, r.direction
$$;

-- Calls per outcome and status, with their share of the calls of their day, account, virtual number
-- and direction. status is NULL for calls Exotel never showed as terminal; outcome says why
-- (not_found, gave_up, failed, cancelled); a call Exotel showed terminal has outcome terminal.
CREATE FUNCTION call_status_daily(zone text, from_day date, to_day date, finalised_within interval DEFAULT interval '1 day')
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text, outcome text, status text,
               calls bigint, share numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.virtual_number, r.direction, r.outcome, r.status,
           count(*),
           round(count(*)::numeric
                 / sum(count(*)) OVER (PARTITION BY r.day, r.account_sid, r.virtual_number, r.direction), 4)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, *
              FROM report_records(zone, from_day, to_day, finalised_within)) r
     GROUP BY r.day, r.account_sid, r.virtual_number, r.direction, r.outcome, r.status
$$;

CREATE FUNCTION talk_time_daily(zone text, from_day date, to_day date, finalised_within interval DEFAULT interval '1 day')
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
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, *
              FROM report_records(zone, from_day, to_day, finalised_within)) r
     WHERE r.status = 'completed'
     GROUP BY r.day, r.account_sid, r.virtual_number, r.direction
$$;

CREATE FUNCTION dtmf_choices_daily(zone text, from_day date, to_day date, finalised_within interval DEFAULT interval '1 day')
RETURNS TABLE (day date, account_sid text, app_id text, app_name text, step integer, choice text,
               calls bigint, share numeric)
LANGUAGE sql STABLE AS $$
    SELECT r.day, r.account_sid, r.app_id, r.app_name, k.step::integer, k.choice,
           count(*),
           round(count(*)::numeric
                 / sum(count(*)) OVER (PARTITION BY r.day, r.account_sid, r.app_id, r.app_name, k.step), 4)
      FROM (SELECT report_day(created_time, first_seen_at, zone) AS day, *
              FROM report_records(zone, from_day, to_day, finalised_within)) r
      CROSS JOIN LATERAL unnest(string_to_array(r.digits, '-')) WITH ORDINALITY AS k (choice, step)
     WHERE r.digits IS NOT NULL AND k.choice <> ''
     GROUP BY r.day, r.account_sid, r.app_id, r.app_name, k.step, k.choice
$$;

-- The whole-history reports of V21 become the range reports over every day, so that each report's
-- logic is written once. Same columns, so the _ist views stay.
CREATE OR REPLACE FUNCTION call_volume_daily(zone text)
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text,
               calls bigint, answered bigint, answer_rate numeric)
LANGUAGE sql STABLE AS $$
    SELECT * FROM call_volume_daily(zone, '-infinity'::date, 'infinity'::date)
$$;

CREATE OR REPLACE FUNCTION talk_time_daily(zone text)
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text, answered bigint,
               total_talk_seconds bigint, mean_talk_seconds numeric,
               p50_talk_seconds double precision, p90_talk_seconds double precision,
               p99_talk_seconds double precision)
LANGUAGE sql STABLE AS $$
    SELECT * FROM talk_time_daily(zone, '-infinity'::date, 'infinity'::date)
$$;

CREATE OR REPLACE FUNCTION dtmf_choices_daily(zone text)
RETURNS TABLE (day date, account_sid text, app_id text, app_name text, step integer, choice text,
               calls bigint, share numeric)
LANGUAGE sql STABLE AS $$
    SELECT * FROM dtmf_choices_daily(zone, '-infinity'::date, 'infinity'::date)
$$;

-- call_status_daily gains a column: its view and function are made anew.
DROP VIEW call_status_daily_ist;
DROP FUNCTION call_status_daily(text);

CREATE FUNCTION call_status_daily(zone text)
RETURNS TABLE (day date, account_sid text, virtual_number text, direction text, outcome text, status text,
               calls bigint, share numeric)
LANGUAGE sql STABLE AS $$
    SELECT * FROM call_status_daily(zone, '-infinity'::date, 'infinity'::date)
$$;

CREATE VIEW call_status_daily_ist AS SELECT * FROM call_status_daily('Asia/Kolkata');
