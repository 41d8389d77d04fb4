-- Monthly partitions of call_record: made ahead of time, dropped after the retention.
-- Called hourly by the tracker (RecordPartitions); safe to call by hand or from several instances at
-- once, because every function first takes the same transaction-scoped advisory lock.
-- Months are UTC months: partition call_record_p2025_01 holds finalised_at in
-- [2025-01-01 00:00 UTC, 2025-02-01 00:00 UTC).

-- Creates the partition of the month that contains "month" unless it exists; returns its name, or
-- NULL when it already existed. Rows of that month that landed in the default partition meanwhile
-- are moved into it, because a partition cannot be added while the default one holds rows of its range.
CREATE FUNCTION call_record_create_partition(month date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    first_day date        := date_trunc('month', month)::date;
    lower_at  timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
    upper_at  timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    part      text        := 'call_record_p' || to_char(first_day, 'YYYY_MM');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('call_record partitions'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    -- Holds inserts bound for the default partition until the new partition is attached; taken now
    -- because ATTACH needs this lock anyway, and upgrading to it later could deadlock.
    LOCK TABLE call_record_default IN ACCESS EXCLUSIVE MODE;
    EXECUTE format('CREATE TABLE %I (LIKE call_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format('WITH moved AS (DELETE FROM call_record_default WHERE finalised_at >= $1 AND finalised_at < $2 RETURNING *)'
                   ' INSERT INTO %I SELECT * FROM moved', part) USING lower_at, upper_at;
    -- Attaching creates the partition's copies of call_record's primary key and indexes.
    EXECUTE format('ALTER TABLE call_record ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   part, lower_at, upper_at);
    RETURN part;
END $$;

-- Creates the partitions of the current month and of the next "months_ahead" months; returns the
-- names of those it created.
CREATE FUNCTION call_record_create_partitions(months_ahead integer) RETURNS SETOF text
LANGUAGE sql AS $$
    SELECT created
      FROM generate_series(0, months_ahead) AS ahead,
           call_record_create_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => ahead))::date) AS created
     WHERE created IS NOT NULL
$$;

-- Drops the monthly partitions whose every row was finalised before the first day of the month
-- "keep_months" months before the current one: keep_months = 3 in May keeps February to May.
-- Rows of those months in the default partition are deleted too, and so are the legs (call_leg) of
-- every call removed. Returns the dropped partitions.
CREATE FUNCTION call_record_drop_partitions(keep_months integer) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    cutoff timestamptz;
    part   record;
BEGIN
    IF keep_months IS NULL OR keep_months < 1 THEN
        RAISE EXCEPTION 'keep_months must be at least 1, got %', keep_months;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('call_record partitions'));
    cutoff := (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => keep_months)) AT TIME ZONE 'UTC';
    FOR part IN
        SELECT c.oid::regclass::text AS name
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'call_record'::regclass
           AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
           -- The bound is printed with its offset, e.g. FOR VALUES FROM (…) TO ('2025-02-01 05:30:00+05:30').
           AND substring(pg_get_expr(c.relpartbound, c.oid) FROM $re$TO \('([^']+)'\)$re$)::timestamptz <= cutoff
    LOOP
        EXECUTE format('DELETE FROM call_leg l USING %s r WHERE l.call_sid = r.call_sid', part.name);
        EXECUTE format('DROP TABLE %s', part.name);
        RETURN NEXT part.name;
    END LOOP;
    DELETE FROM call_leg l USING call_record_default r WHERE l.call_sid = r.call_sid AND r.finalised_at < cutoff;
    DELETE FROM call_record_default WHERE finalised_at < cutoff;
END $$;
