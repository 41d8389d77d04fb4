-- Example reports over the tracker's database. Run them all with
--   psql "$DATABASE_URL" -f db/reporting/examples.sql
-- or copy one into psql. The reports come from migrations V21 and V26 (db/migration/): each daily
-- report is a function of a zone and a range of days, e.g. call_volume_daily('Asia/Kolkata', d1, d2),
-- which reads only the call_record partitions those days can have been finalised in; without the days
-- (or as the view *_ist, days in Asia/Kolkata) it covers every record and reads every partition.
-- A call's day is its Exotel created_time in that zone (for a call Exotel never showed: the time the
-- tracker first heard of it). docs/reporting.md explains the fourth argument, finalised_within.

-- current_date below is then today in IST; timestamps print in IST too.
SET TIME ZONE 'Asia/Kolkata';

\echo 'Calls and answer rate per virtual number and direction, last 7 days (IST)'
SELECT day, virtual_number, direction, calls, answered, answer_rate
  FROM call_volume_daily('Asia/Kolkata', current_date - 7, current_date)
 ORDER BY day DESC, calls DESC;

\echo 'The same week in one line per virtual number: sum the days, recompute the rate'
SELECT virtual_number, sum(calls) AS calls, sum(answered) AS answered,
       round(sum(answered)::numeric / sum(calls), 4) AS answer_rate
  FROM call_volume_daily('Asia/Kolkata', current_date - 7, current_date)
 GROUP BY virtual_number
 ORDER BY calls DESC;

\echo 'Another zone: pass it to the function, e.g. days in London'
SELECT day, virtual_number, direction, calls, answer_rate
  FROM call_volume_daily('Europe/London', timezone('Europe/London', now())::date - 7, timezone('Europe/London', now())::date)
 ORDER BY day DESC, calls DESC;
-- Only the IST day is indexed; for a zone used every day, add its own index, e.g.
--   CREATE INDEX call_record_report_day_london_idx
--       ON call_record (report_day(created_time, first_seen_at, 'Europe/London'));

\echo 'Why calls were not answered: statuses and their share, yesterday (IST); outcome says why a status is missing'
SELECT virtual_number, direction, outcome, coalesce(status, '(never terminal)') AS status, calls, share
  FROM call_status_daily('Asia/Kolkata', current_date - 1, current_date - 1)
 ORDER BY virtual_number, direction, calls DESC;

\echo 'Calls the tracker could not follow to the end, per day and outcome, last 7 days (IST)'
SELECT day, account_sid, outcome, sum(calls) AS calls
  FROM call_status_daily('Asia/Kolkata', current_date - 7, current_date)
 WHERE outcome <> 'terminal'
 GROUP BY day, account_sid, outcome
 ORDER BY day DESC, account_sid, calls DESC;

\echo 'Talk time of answered calls per day (IST), in seconds'
SELECT day, virtual_number, direction, answered, total_talk_seconds, mean_talk_seconds,
       p50_talk_seconds, p90_talk_seconds, p99_talk_seconds
  FROM talk_time_daily('Asia/Kolkata', current_date - 7, current_date)
 ORDER BY day DESC, virtual_number, direction;

\echo 'Talk time percentiles over a whole month: percentiles do not add up, so read the records of the month'
SELECT virtual_number,
       count(*) AS answered,
       sum(total_talk_time) AS total_talk_seconds,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY total_talk_time) AS p50_talk_seconds,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY total_talk_time) AS p90_talk_seconds
  FROM report_records('Asia/Kolkata', date_trunc('month', current_date)::date, current_date, interval '1 day')
 WHERE status = 'completed'
 GROUP BY virtual_number;

\echo 'DTMF: what callers pressed at each step of each flow, last 30 days (IST)'
SELECT app_id, app_name, step, choice, sum(calls) AS calls
  FROM dtmf_choices_daily('Asia/Kolkata', current_date - 30, current_date)
 GROUP BY app_id, app_name, step, choice
 ORDER BY app_id, step, calls DESC;

\echo 'DTMF: the first choice in one flow, day by day (IST)'
SELECT day, choice, calls, share
  FROM dtmf_choices_daily('Asia/Kolkata', current_date - 14, current_date)
 WHERE app_id = 'flow-9' AND step = 1
 ORDER BY day DESC, calls DESC;

\echo 'Calls still in flight per account and phase, and how old they are'
SELECT account_sid, phase, calls, oldest_age, p50_age, p90_age
  FROM calls_in_flight_summary
 ORDER BY account_sid, oldest_age DESC;

\echo 'The ten oldest calls in flight (tracking stops at tracker.max-tracking-age)'
SELECT call_sid, account_sid, phase, age, poll_count, next_poll_at, consecutive_failures, last_error
  FROM calls_in_flight
 LIMIT 10;

\echo 'Partitions of call_record and their rows (maintained by the tracker, see tracker.retention.*)'
SELECT c.relname AS partition, pg_get_expr(c.relpartbound, c.oid) AS bounds, c.reltuples::bigint AS approx_rows
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'call_record'::regclass
 ORDER BY c.relname;

-- A dashboard that reads one report often can keep it materialised and refresh it from cron:
--   CREATE MATERIALIZED VIEW call_volume_daily_ist_mv AS SELECT * FROM call_volume_daily_ist;
--   CREATE UNIQUE INDEX ON call_volume_daily_ist_mv (day, account_sid, virtual_number, direction)
--       NULLS NOT DISTINCT;  -- not_found calls have no virtual number or direction
--   REFRESH MATERIALIZED VIEW CONCURRENTLY call_volume_daily_ist_mv;
