package io.calltracker.archive;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseFailures;
import io.calltracker.records.StorableText;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Table {@code recording_archive}: the durable archival job, in the style of tracking's PollSchedule (plain
 * JDBC, one statement per operation; the claim is one UPDATE … SKIP LOCKED … RETURNING). Every write after a
 * claim is fenced by its claim token, so an instance whose lease lapsed while it was still copying changes
 * nothing once another instance took the recording over.
 */
@ApplicationScoped
public class ArchiveJobs {

    private static final String ENQUEUE = """
            INSERT INTO recording_archive (call_sid, recording_index, account_sid, source_url, object_key)
            SELECT ?, n.i, ?, n.url, n.object_key
              FROM unnest(?::int[], ?::text[], ?::text[]) AS n(i, url, object_key)
            ON CONFLICT (call_sid, recording_index) DO NOTHING
            """;

    /**
     * An operator's re-archive: every recording of the call is pending again, in a new generation (so it
     * settles into a new event), its attempts and refreshes counted afresh, and without its old link (long
     * dead by now, or dropped by keep-links=false): the first step fetches a fresh one from v3. The claim
     * token is cleared, so a transfer still running for the old generation can no longer write.
     */
    private static final String REARCHIVE = """
            UPDATE recording_archive
               SET status = 'pending', attempts = 0, refreshes = 0, next_attempt_at = now(), claimed_by = NULL,
                   claim_token = NULL, source_url = NULL, upload_id = NULL, last_error = NULL, settled_at = NULL,
                   generation = generation + 1
             WHERE call_sid = ?
            """;

    private static final String CLAIM = """
            UPDATE recording_archive a
               SET next_attempt_at = now() + make_interval(secs => ?), claimed_by = ?,
                   claim_token = nextval('archive_claim_token_seq'), attempts = a.attempts + 1
             WHERE (a.call_sid, a.recording_index) IN (
                   SELECT call_sid, recording_index FROM recording_archive
                    WHERE status = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
            RETURNING a.call_sid, a.recording_index, a.account_sid, a.source_url, a.object_key, a.claim_token,
                      a.attempts, a.refreshes, a.upload_id
            """;

    private static final String FENCE = " WHERE call_sid = ? AND recording_index = ? AND claim_token = ? AND status = 'pending'";

    private static final String RENEW = "UPDATE recording_archive SET next_attempt_at = now() + make_interval(secs => ?)" + FENCE;

    private static final String UPLOAD_BEGUN = "UPDATE recording_archive SET upload_id = ?" + FENCE;

    private static final String REFRESHED = "UPDATE recording_archive SET source_url = ?, refreshes = refreshes + 1" + FENCE;

    private static final String RETRY = """
            UPDATE recording_archive SET next_attempt_at = ?, last_error = ?, claimed_by = NULL, upload_id = NULL,
                   attempts = attempts - CASE WHEN ? THEN 0 ELSE 1 END
            """ + FENCE;

    /**
     * Graceful shutdown: this instance's recordings are due again at once (others need not wait for the lease),
     * and the attempts it cut short are given back. A transfer still running can no longer write once another
     * instance claims the recording (new token).
     */
    private static final String RELEASE_ALL = """
            UPDATE recording_archive SET next_attempt_at = now(), claimed_by = NULL, attempts = greatest(attempts - 1, 0)
             WHERE claimed_by = ? AND status = 'pending' AND next_attempt_at > now()
            """;

    private static final String SETTLE = """
            UPDATE recording_archive
               SET status = ?, content_type = ?, size_bytes = ?, sha256 = ?, last_error = ?, settled_at = now(),
                   source_url = NULL, upload_id = NULL, claimed_by = NULL
            """ + FENCE;

    /** Locks the call's rows in index order, so two settling transactions of one call queue instead of deadlocking. */
    private static final String LOCK_CALL = """
            SELECT recording_index, status, object_key, content_type, size_bytes, sha256, last_error, generation,
                   claim_token, account_sid
              FROM recording_archive WHERE call_sid = ? ORDER BY recording_index FOR UPDATE
            """;

    private static final String OLDEST_PENDING = """
            SELECT extract(epoch FROM now() - min(created_at)) FROM recording_archive WHERE status = 'pending'
            """;

    private final AgroalDataSource dataSource;

    public ArchiveJobs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A recording to archive: its 1-based index, its link and its object key. */
    public record NewRecording(int index, String url, String objectKey) {
        @Override
        public String toString() {
            return "NewRecording[" + index + ", " + objectKey + "]";
        }
    }

    /** @return how many recordings are pending again; 0 when the call's recordings were never queued */
    int rearchive(String callSid) {
        return update(REARCHIVE, "could not queue recordings for archival again", (c, s) -> s.setString(1, callSid));
    }

    /**
     * Joins the caller's transaction (the one that stores the call's record); recordings already queued stay.
     *
     * @return how many were queued
     */
    int enqueue(String callSid, String accountSid, List<NewRecording> recordings) {
        if (recordings.isEmpty()) {
            return 0;
        }
        return update(ENQUEUE, "could not queue recordings for archival", (c, s) -> {
            s.setString(1, callSid);
            s.setString(2, accountSid);
            s.setArray(3, c.createArrayOf("int4", recordings.stream().map(NewRecording::index).toArray()));
            s.setArray(4, c.createArrayOf("text", recordings.stream().map(r -> StorableText.of(r.url())).toArray()));
            s.setArray(5, c.createArrayOf("text", recordings.stream().map(NewRecording::objectKey).toArray()));
        });
    }

    List<ArchiveJob> claim(String owner, int limit, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setDouble(1, seconds(lease));
            s.setString(2, owner);
            s.setInt(3, limit);
            List<ArchiveJob> jobs = new ArrayList<>(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new ArchiveJob(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getString(9)));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not claim recordings to archive", e);
        }
    }

    /** @return false when the claim is lost: the transfer must stop, another instance owns the recording */
    boolean renew(ArchiveJob job, Duration lease) {
        return fenced(RENEW, job, (c, s) -> s.setDouble(1, seconds(lease)));
    }

    boolean uploadBegun(ArchiveJob job, String uploadId) {
        return fenced(UPLOAD_BEGUN, job, (c, s) -> s.setString(1, uploadId));
    }

    boolean refreshed(ArchiveJob job, String url) {
        return fenced(REFRESHED, job, (c, s) -> s.setString(1, StorableText.of(url)));
    }

    /**
     * Gives the recording back until {@code at}; the transfer aborted any upload it began. An attempt that
     * did not count (the account's gate held the refresh back: not the recording's fault) is given back too.
     */
    boolean retry(ArchiveJob job, Instant at, String error, boolean counts) {
        return fenced(RETRY, job, (c, s) -> {
            s.setObject(1, at.atOffset(ZoneOffset.UTC));
            s.setString(2, StorableText.of(error));
            s.setBoolean(3, counts);
        });
    }

    /** @return how many recordings were handed back */
    int releaseAll(String owner) {
        return update(RELEASE_ALL, "could not hand recordings back", (c, s) -> s.setString(1, owner));
    }

    /** Runs in the caller's transaction (see {@link ArchiveSettlement}). */
    boolean settle(ArchiveJob job, ArchiveOutcome outcome) {
        return fenced(SETTLE, job, (c, s) -> {
            s.setString(1, outcome.status());
            s.setString(2, outcome.contentType());
            if (outcome.sizeBytes() == null) {
                s.setNull(3, Types.BIGINT);
            } else {
                s.setLong(3, outcome.sizeBytes());
            }
            s.setString(4, outcome.sha256());
            s.setString(5, StorableText.of(outcome.reason()));
        });
    }

    /** A row of a call, as {@link #lockCall} reads it. */
    record Row(int index, String status, String objectKey, String contentType, Long sizeBytes, String sha256, String reason,
               int generation, Long claimToken, String accountSid) {
    }

    /** The call's recordings, locked until the caller's transaction ends. */
    List<Row> lockCall(String callSid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK_CALL)) {
            s.setString(1, callSid);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong(5);
                    Long sizeBytes = rs.wasNull() ? null : size;
                    long token = rs.getLong(9);
                    Long claimToken = rs.wasNull() ? null : token;
                    rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), sizeBytes,
                            rs.getString(6), rs.getString(7), rs.getInt(8), claimToken, rs.getString(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not read a call's archived recordings", e);
        }
    }

    /** Seconds since the oldest pending recording was queued; empty when none is pending. */
    OptionalDouble oldestPendingAge() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(OLDEST_PENDING);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            double age = rs.getDouble(1);
            return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(age);
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not read the archive's backlog", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection c, PreparedStatement s) throws SQLException;
    }

    /** Binds the statement's own values, then the fence (call, index, token) as its last three parameters. */
    private boolean fenced(String sql, ArchiveJob job, Binder values) {
        return update(sql, "could not record an archival step", (c, s) -> {
            values.bind(c, s);
            // The fence's three parameters come last in every fenced statement (FENCE ends each of them).
            int n = (int) sql.chars().filter(ch -> ch == '?').count();
            s.setString(n - 2, job.callSid());
            s.setInt(n - 1, job.index());
            s.setLong(n, job.claimToken());
        }) == 1;
    }

    private int update(String sql, String failure, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify(failure, e);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
