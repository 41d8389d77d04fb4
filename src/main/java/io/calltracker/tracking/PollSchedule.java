package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseAwayException;
import io.calltracker.base.DatabaseFailures;
import io.calltracker.base.RowRefusedException;
import io.calltracker.records.StorableText;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The durable schedule in table {@code tracked_call}. Plain JDBC rather than Panache: each
 * operation is one hand-tuned statement (claiming must be a single UPDATE … SKIP LOCKED … RETURNING),
 * and the entity layer would add loads and flushes around it.
 */
@ApplicationScoped
public class PollSchedule {

    /**
     * What both claims (CLAIM_DUE, CLAIM_EXPIRED) write: push next_poll_at to the end of the lease and take a
     * new fencing token. A crashed claimer's calls become due again when the lease ends; no separate reaper
     * is needed. Binds the lease in seconds, then the owner.
     */
    private static final String TAKE_CLAIM = """
               SET next_poll_at = now() + make_interval(secs => ?),
                   claimed_by = ?,
                   claim_token = nextval('claim_token_seq')
            """;

    /** The columns {@link #claim} reads, in its order; returned by CLAIM_DUE, CLAIM_EXPIRED and CANCEL. */
    private static final String CLAIM_COLUMNS = "call_sid, account_sid, claim_token, first_seen_at, poll_count,"
            + " backoff_attempt, first_not_found_at, metadata::text, poll_failures, phase, swept_at";

    /** Claims up to n due calls of one account, longest due first. */
    private static final String CLAIM_DUE = "UPDATE tracked_call t\n" + TAKE_CLAIM + """
             WHERE t.call_sid IN (SELECT call_sid FROM tracked_call
                                   WHERE outcome IS NULL AND account_sid = ? AND next_poll_at <= now()
                                   ORDER BY next_poll_at
                                   LIMIT ?
                                   FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + CLAIM_COLUMNS;

    /**
     * Claims, across all accounts and without any request to Exotel, the in-flight calls that must end
     * now whatever their account's gate says: calls at the maximum tracking age (even while the account
     * is blocked by Retry-After, its circuit is open, its credentials are paused or its budget is empty,
     * when the due-call claim never takes them), calls of an account configured as disabled, and calls of
     * an account this instance does not know whose poll is overdue by the orphan grace. Only calls under
     * no live lease (unclaimed, or lease over) are taken, and a new claim token fences them as CLAIM_DUE
     * does. The last three columns say why each call was taken.
     */
    private static final String CLAIM_EXPIRED = "UPDATE tracked_call t\n" + TAKE_CLAIM + """
             WHERE t.call_sid IN (SELECT call_sid FROM tracked_call
                                   WHERE outcome IS NULL AND (claimed_by IS NULL OR next_poll_at <= now())
                                     AND (first_seen_at <= now() - make_interval(secs => ?)
                                          OR account_sid = ANY(?)
                                          OR (account_sid <> ALL(?) AND next_poll_at <= now() - make_interval(secs => ?)))
                                   ORDER BY first_seen_at
                                   LIMIT ?
                                   FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + CLAIM_COLUMNS + ", first_seen_at <= now() - make_interval(secs => ?), phase, last_error";

    /**
     * A SID is tracked once: a row in tracked_call (in flight, or finished and not yet purged) stops a
     * second one through the key, and a record stops it once the finished row is purged
     * (FinishedCallPurge). The record is written in the transaction that finishes the row, so of the two
     * one is always there while the record is kept (tracker.retention.keep-months). The record lookup
     * probes call_record's key index in each partition.
     */
    private static final String NOT_RECORDED = "NOT EXISTS (SELECT 1 FROM call_record r WHERE r.call_sid = n.call_sid)";

    private static final String ENQUEUE = """
            INSERT INTO tracked_call (call_sid, account_sid, metadata, next_poll_at)
            SELECT n.call_sid, n.account_sid, n.metadata::jsonb, now() + make_interval(secs => n.after)
              FROM (VALUES (?, ?, ?, ?::double precision)) AS n(call_sid, account_sid, metadata, after)
             WHERE\s""" + NOT_RECORDED + """

            ON CONFLICT (call_sid) DO NOTHING
            """;

    private static final String ENQUEUE_ALL = """
            INSERT INTO tracked_call (call_sid, account_sid, metadata, next_poll_at)
            SELECT n.call_sid, n.account_sid, n.metadata::jsonb, now() + make_interval(secs => ?)
              FROM unnest(?::text[], ?::text[], ?::text[]) AS n(call_sid, account_sid, metadata)
             WHERE\s""" + NOT_RECORDED + """

            ON CONFLICT (call_sid) DO NOTHING
            """;

    /** Reschedules a batch of polled calls in one statement; each row is fenced by its own claim token. */
    private static final String POLL_AGAIN = """
            UPDATE tracked_call t
               SET next_poll_at = u.at, poll_count = t.poll_count + 1, backoff_attempt = t.backoff_attempt + 1,
                   consecutive_failures = CASE WHEN u.error IS NULL THEN 0 ELSE t.consecutive_failures + 1 END,
                   poll_failures = CASE WHEN u.unapplied THEN t.poll_failures + 1 ELSE 0 END,
                   first_not_found_at = u.first_not_found_at, last_error = u.error, claimed_by = NULL,
                   phase = coalesce(u.phase, t.phase)
              FROM unnest(?::text[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::boolean[])
                   AS u(call_sid, claim_token, at, first_not_found_at, error, phase, unapplied)
             WHERE t.call_sid = u.call_sid AND t.claim_token = u.claim_token AND t.outcome IS NULL
            """;


    private static final String FINISH = """
            UPDATE tracked_call
               SET outcome = ?, finished_at = now(), poll_count = poll_count + 1, claimed_by = NULL, last_error = ?
             WHERE call_sid = ? AND claim_token = ? AND outcome IS NULL
            """;

    /** Gives a claimed call back without a poll (no budget, account blocked, shutting down). */
    private static final String RELEASE = """
            UPDATE tracked_call SET next_poll_at = ?, claimed_by = NULL
             WHERE call_sid = ? AND claim_token = ? AND outcome IS NULL
            """;

    private static final String RELEASE_ALL = """
            UPDATE tracked_call SET next_poll_at = now(), claimed_by = NULL
             WHERE claimed_by = ? AND outcome IS NULL AND next_poll_at > now()
            """;

    /**
     * An operator's (or a status callback's) "poll it now": the call becomes due at once. A call under a
     * live lease is left as it is: its holder's poll is the fresh poll asked for, and making it due would
     * let another instance poll it a second time meanwhile. Still counts as found (one row) so the caller
     * can tell an in-flight call from an unknown or finished one.
     */
    private static final String POLL_NOW = """
            UPDATE tracked_call
               SET next_poll_at = CASE WHEN claimed_by IS NULL OR next_poll_at <= now() THEN now() ELSE next_poll_at END
             WHERE call_sid = ? AND outcome IS NULL
            """;

    /**
     * An operator stops tracking: not fenced by a claim token (whoever holds a claim loses it, as its
     * writes require outcome IS NULL). Returns the call as a claim, for building its record.
     */
    private static final String CANCEL = """
            UPDATE tracked_call
               SET outcome = ?, finished_at = now(), claimed_by = NULL, last_error = ?
             WHERE call_sid = ? AND outcome IS NULL
            RETURNING\s""" + CLAIM_COLUMNS;

    /**
     * The accounts with calls in flight, each with its earliest due poll and oldest sweep look, in one
     * statement whatever the number of accounts: a skip scan (recursive CTE, each step one probe of the
     * due index) finds the distinct accounts, two index probes per account find the minimums. An idle
     * schedule costs one probe.
     */
    private static final String ACCOUNTS_WITH_WORK = """
            WITH RECURSIVE account AS (
                (SELECT account_sid FROM tracked_call WHERE outcome IS NULL ORDER BY account_sid LIMIT 1)
                UNION ALL
                SELECT (SELECT t.account_sid FROM tracked_call t
                         WHERE t.outcome IS NULL AND t.account_sid > a.account_sid ORDER BY t.account_sid LIMIT 1)
                  FROM account a WHERE a.account_sid IS NOT NULL)
            SELECT a.account_sid, now(),
                   (SELECT min(t.next_poll_at) FROM tracked_call t WHERE t.outcome IS NULL AND t.account_sid = a.account_sid),
                   (SELECT min(coalesce(t.swept_at, t.first_seen_at)) FROM tracked_call t
                     WHERE t.outcome IS NULL AND t.account_sid = a.account_sid),
                   (SELECT p.last_sent_at FROM bulk_sweep_pace p WHERE p.account_sid = a.account_sid),
                   (SELECT count(*) FROM (SELECT 1 FROM tracked_call t
                                           WHERE t.outcome IS NULL AND t.account_sid = a.account_sid LIMIT ?) n)
              FROM account a WHERE a.account_sid IS NOT NULL
            """;

    /**
     * Takes the account's next sweep slot: records that a request goes out now, unless another went out after
     * {@code lastSentBefore} (another instance took the slot). One statement, so two instances never both
     * take it.
     */
    private static final String TAKE_SWEEP_SLOT = """
            INSERT INTO bulk_sweep_pace AS p (account_sid, last_sent_at) VALUES (?, now())
            ON CONFLICT (account_sid) DO UPDATE SET last_sent_at = now() WHERE p.last_sent_at <= ?
            RETURNING p.account_sid
            """;

    /**
     * Takes the n in-flight calls of an account looked at least recently, if the least recent of them is
     * due (last looked at before the bound), and marks them swept. A request is always full: it asks about
     * the n oldest looks, also young ones, instead of only the due ones; how often one goes is the pace's
     * business ({@link AccountWork#sweepDue}). Marking them swept in the same statement splits the sweeping
     * between instances as claiming splits the polling.
     */
    private static final String CLAIM_SWEEP = """
            WITH chunk AS (SELECT call_sid, coalesce(swept_at, first_seen_at) AS look, swept_at AS previous, phase
                             FROM tracked_call
                            WHERE outcome IS NULL AND account_sid = ?
                            ORDER BY coalesce(swept_at, first_seen_at)
                            LIMIT ?
                            FOR UPDATE SKIP LOCKED)
            UPDATE tracked_call t SET swept_at = now()
              FROM chunk
             WHERE t.call_sid = chunk.call_sid AND (SELECT min(look) FROM chunk) <= ?
            RETURNING t.call_sid, chunk.previous, chunk.phase
            """;

    /** A sweep that could not be sent: the calls go back to the front of the queue. */
    private static final String UNSWEEP = "UPDATE tracked_call SET swept_at = NULL WHERE call_sid = ANY(?) AND outcome IS NULL";

    /**
     * v1 lists the calls as ended and processed: fetch their records now. Calls someone holds a claim on
     * are being polled already, and calls already due stay as they are; every one gets the phase, also a
     * claimed one, so that the bulk model check knows v1 listed it (ModelWatch).
     */
    private static final String DUE_NOW = """
            UPDATE tracked_call
               SET phase = ?,
                   next_poll_at = CASE WHEN claimed_by IS NULL AND next_poll_at > now() THEN now() ELSE next_poll_at END
             WHERE call_sid = ANY(?) AND outcome IS NULL
            """;

    /**
     * v1 lists the calls as ended, not yet processed: they are in post-processing, the calls that can turn
     * terminal next, so their look is back-dated by {@code ahead} and the sweep asks about them again before
     * ongoing calls looked at as recently. The ones a request leaves out until the next are then mostly
     * ongoing calls, which cannot turn terminal before they end.
     */
    private static final String MARK_POST_PROCESSING = """
            UPDATE tracked_call SET phase = 'post_processing', swept_at = now() - make_interval(secs => ?)
             WHERE call_sid = ANY(?) AND outcome IS NULL
            """;

    /**
     * The sweep cannot watch this account (v1 refused): calls waiting on the safety net further out than
     * per-call polling would ever wait are brought forward, spread over {@code spread} so they do not all
     * fall due at once.
     */
    private static final String PULL_IN = """
            UPDATE tracked_call SET next_poll_at = now() + random() * make_interval(secs => ?)
             WHERE account_sid = ? AND outcome IS NULL AND claimed_by IS NULL
               AND next_poll_at > now() + make_interval(secs => ?)
            """;

    /**
     * A status callback says the call has ended, before it can be terminal: its phase becomes
     * post_processing (which the post-processing sweep watches), and a per-call poll is brought forward to
     * {@code lookAt} when one is given and it is later. A call under a live lease is left to its holder.
     */
    private static final String AWAIT_PROCESSING = """
            UPDATE tracked_call
               SET phase = ?,
                   next_poll_at = CASE WHEN ?::timestamptz IS NOT NULL AND (claimed_by IS NULL OR next_poll_at <= now())
                                       THEN least(next_poll_at, ?::timestamptz) ELSE next_poll_at END
             WHERE call_sid = ? AND outcome IS NULL
            """;

    /**
     * The post-processing sweep (issue 12, item 2): when a call of the account in phase post_processing has
     * not been looked at since the bound, one request asks about those (oldest look first) and fills the
     * rest of its chunk with the account's other calls looked at least recently, so the request that
     * watches the ending calls also does the ordinary sweep's work. Nothing when no such call is due.
     */
    private static final String CLAIM_PROCESSING_SWEEP = """
            WITH due AS (SELECT call_sid, swept_at AS previous, phase FROM tracked_call
                          WHERE outcome IS NULL AND account_sid = ? AND phase = ?
                            AND coalesce(swept_at, first_seen_at) <= ?
                          ORDER BY coalesce(swept_at, first_seen_at)
                          LIMIT ?
                          FOR UPDATE SKIP LOCKED),
                 fill AS (SELECT call_sid, swept_at AS previous, phase FROM tracked_call
                           WHERE outcome IS NULL AND account_sid = ? AND EXISTS (SELECT 1 FROM due)
                             AND call_sid NOT IN (SELECT call_sid FROM due)
                           ORDER BY coalesce(swept_at, first_seen_at)
                           LIMIT (SELECT ? - count(*) FROM due)
                           FOR UPDATE SKIP LOCKED)
            UPDATE tracked_call t SET swept_at = now()
              FROM (SELECT * FROM due UNION ALL SELECT * FROM fill) chunk
             WHERE t.call_sid = chunk.call_sid
            RETURNING t.call_sid, chunk.previous, chunk.phase
            """;

    private final AgroalDataSource dataSource;
    private final ClaimStatements claimStatements;

    public PollSchedule(AgroalDataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.claimStatements = new ClaimStatements(meters);
    }

    /**
     * Starts tracking a call; a SID already tracked, finished or recorded is left as it is.
     *
     * @throws RowRefusedException when the database refuses the call's data; DatabaseAwayException when it is away
     */
    public boolean enqueue(String callSid, String accountSid, String metadataJson, Duration firstPollAfter) {
        return update(ENQUEUE, "could not enqueue a call", (c, s) -> {
            s.setString(1, callSid);
            s.setString(2, accountSid);
            s.setString(3, metadataJson);
            s.setDouble(4, seconds(firstPollAfter));
        }) == 1;
    }

    /**
     * Starts tracking many calls with one statement (one round trip and one commit for a whole Kafka
     * batch); SIDs already tracked or recorded are left as they are, and of a SID listed twice the first entry counts.
     * Rows go in SID order so that two instances inserting overlapping batches wait for each other's
     * rows in the same order instead of deadlocking.
     *
     * @throws RowRefusedException when the database refuses the data of one of the calls (none is stored)
     */
    public void enqueueAll(List<NewCall> calls, Duration firstPollAfter) {
        Map<String, NewCall> bySid = new TreeMap<>();
        calls.forEach(call -> bySid.putIfAbsent(call.callSid(), call));
        if (bySid.isEmpty()) {
            return;
        }
        update(ENQUEUE_ALL, "could not enqueue " + bySid.size() + " calls", (c, s) -> {
            s.setDouble(1, seconds(firstPollAfter));
            s.setArray(2, c.createArrayOf("text", bySid.keySet().toArray()));
            s.setArray(3, c.createArrayOf("text", bySid.values().stream().map(NewCall::accountSid).toArray()));
            s.setArray(4, c.createArrayOf("text", bySid.values().stream().map(NewCall::metadataJson).toArray()));
        });
    }

    public List<Claim> claimDue(String accountSid, String owner, int limit, Duration lease) {
        claimStatements.sent(ClaimStatements.CLAIM_DUE);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_DUE)) {
            s.setDouble(1, seconds(lease));
            s.setString(2, owner);
            s.setString(3, accountSid);
            s.setInt(4, limit);
            List<Claim> claims = new ArrayList<>(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claims.add(claim(rs));
                }
            }
            return claims;
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not claim due calls", e);
        }
    }

    /**
     * Claims up to {@code limit} calls that must end now without a request to Exotel (see CLAIM_EXPIRED).
     *
     * @param known the accounts this instance polls; {@code disabled} those configured with enabled=false
     */
    public List<Expired> claimExpired(String owner, Duration maxTrackingAge, Set<String> known, Set<String> disabled,
                                      Duration orphanGrace, int limit, Duration lease) {
        claimStatements.sent(ClaimStatements.CLAIM_EXPIRED);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_EXPIRED)) {
            s.setDouble(1, seconds(lease));
            s.setString(2, owner);
            s.setDouble(3, seconds(maxTrackingAge));
            s.setArray(4, c.createArrayOf("text", disabled.toArray()));
            s.setArray(5, c.createArrayOf("text", known.toArray()));
            s.setDouble(6, seconds(orphanGrace));
            s.setInt(7, limit);
            s.setDouble(8, seconds(maxTrackingAge));
            List<Expired> expired = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    expired.add(new Expired(claim(rs), rs.getBoolean(12), rs.getString(13), rs.getString(14)));
                }
            }
            return expired;
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not claim expired calls", e);
        }
    }

    /** A call claimed by {@link #claimExpired}: whether it is past the maximum age, its phase and last error. */
    public record Expired(Claim claim, boolean pastMaxAge, String phase, String lastError) {
    }

    /**
     * @return how many of the calls were rescheduled; the others' claims were lost (lease ended and
     * another instance took the call)
     */
    public int pollAgain(List<Reschedule> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int n = batch.size();
        String[] sids = new String[n];
        Long[] tokens = new Long[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        OffsetDateTime[] firstNotFound = new OffsetDateTime[n];
        String[] errors = new String[n];
        String[] phases = new String[n];
        Boolean[] unapplied = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Reschedule r = batch.get(i);
            sids[i] = r.claim().callSid();
            tokens[i] = r.claim().claimToken();
            at[i] = utc(r.decision().at());
            firstNotFound[i] = utc(r.decision().firstNotFoundAt());
            errors[i] = StorableText.of(r.decision().error());
            unapplied[i] = r.decision().unapplied();
            phases[i] = r.decision().phase() == null ? null : r.decision().phase().wireName();
        }
        return update(POLL_AGAIN, "could not reschedule calls", (c, s) -> {
            s.setArray(1, c.createArrayOf("text", sids));
            s.setArray(2, c.createArrayOf("bigint", tokens));
            s.setArray(3, c.createArrayOf("timestamptz", at));
            s.setArray(4, c.createArrayOf("timestamptz", firstNotFound));
            s.setArray(5, c.createArrayOf("text", errors));
            s.setArray(6, c.createArrayOf("text", phases));
            s.setArray(7, c.createArrayOf("boolean", unapplied));
        });
    }

    /** A claimed call and when to poll it again. */
    public record Reschedule(Claim claim, Decision.PollAgain decision) {
    }

    public boolean release(Claim claim, Instant retryAt) {
        return update(RELEASE, "could not release a call", (c, s) -> {
            setInstant(s, 1, retryAt);
            s.setString(2, claim.callSid());
            s.setLong(3, claim.claimToken());
        }) == 1;
    }

    /** Hands every claim of this instance back at once (graceful shutdown): others need not wait for the lease. */
    public int releaseAll(String owner) {
        return update(RELEASE_ALL, "could not release claims", (c, s) -> s.setString(1, owner));
    }

    /**
     * Marks the call finished. Runs inside the caller's transaction, so the record and the event
     * are written only if this claim still owns the call.
     *
     * @return false when the claim was lost.
     */
    public boolean finish(Claim claim, Outcome outcome, String reason) {
        return update(FINISH, "could not finish a call", (c, s) -> {
            s.setString(1, outcome.wireName());
            s.setString(2, StorableText.of(reason));
            s.setString(3, claim.callSid());
            s.setLong(4, claim.claimToken());
        }) == 1;
    }

    /** @return false when the call is unknown or already finished. */
    public boolean pollNow(String callSid) {
        return update(POLL_NOW, "could not reschedule a call", (c, s) -> s.setString(1, callSid)) == 1;
    }

    /**
     * Ends the tracking of an in-flight call with outcome cancelled. Runs inside the caller's
     * transaction, so the record and the event are written with it.
     *
     * @return the call as it stood, empty when it is unknown or already finished.
     */
    public Optional<Claim> cancel(String callSid, String reason) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CANCEL)) {
            s.setString(1, Outcome.CANCELLED.wireName());
            s.setString(2, reason);
            s.setString(3, callSid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(claim(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not cancel a call", e);
        }
    }

    /** The accounts with calls in flight, and what is due of each (see ACCOUNTS_WITH_WORK). */
    /** @param countUpTo calls in flight are counted up to this many per account (a bounded index scan) */
    public List<AccountWork> accountsWithWork(int countUpTo) {
        claimStatements.sent(ClaimStatements.ACCOUNTS_WITH_WORK);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ACCOUNTS_WITH_WORK)) {
            s.setInt(1, countUpTo);
            List<AccountWork> work = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    work.add(new AccountWork(rs.getString(1), instant(rs, 2), instant(rs, 3), instant(rs, 4),
                            instant(rs, 5), rs.getLong(6)));
                }
            }
            return work;
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not read which accounts have calls in flight", e);
        }
    }

    /**
     * The {@code limit} calls of the account looked at least recently, marked swept; none unless the least
     * recent look is at or before {@code dueBefore}.
     */
    public List<Swept> claimSweep(String accountSid, Instant dueBefore, int limit) {
        claimStatements.sent(ClaimStatements.CLAIM_SWEEP);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_SWEEP)) {
            s.setString(1, accountSid);
            s.setInt(2, limit);
            setInstant(s, 3, dueBefore);
            return swept(s, limit);
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not claim calls to sweep", e);
        }
    }

    /**
     * A call a sweep asks about, with what the model check needs from before this sweep: when the previous
     * sweep asked (null: never) and whether an end had been seen (v1 listed it, or v3 showed post-processing).
     */
    public record Swept(String callSid, Instant previousSweep, boolean listedBefore) {
    }

    /** @return whether this instance took the account's sweep slot (see {@link AccountWork#sweepDue}) */
    public boolean takeSweepSlot(String accountSid, Instant lastSentBefore) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(TAKE_SWEEP_SLOT)) {
            s.setString(1, accountSid);
            setInstant(s, 2, lastSentBefore);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not take the sweep slot", e);
        }
    }

    public void unsweep(List<String> callSids) {
        update(UNSWEEP, "could not return unswept calls", (c, s) -> s.setArray(1, sids(c, callSids)));
    }

    /** @return how many of the calls are in flight (those finished are left alone) */
    public int dueNow(List<String> callSids, CallPhase phase) {
        return update(DUE_NOW, "could not make swept calls due", (c, s) -> {
            s.setString(1, phase.wireName());
            s.setArray(2, sids(c, callSids));
        });
    }

    /** @param ahead how much earlier than now their look counts (the sweep's pace) */
    public void markPostProcessing(List<String> callSids, Duration ahead) {
        update(MARK_POST_PROCESSING, "could not record the phase of swept calls", (c, s) -> {
            s.setDouble(1, seconds(ahead));
            s.setArray(2, sids(c, callSids));
        });
    }

    /** @return how many calls were brought forward to within {@code spread} */
    public int pullIn(String accountSid, Duration spread, Duration beyond) {
        claimStatements.sent(ClaimStatements.PULL_IN);
        return update(PULL_IN, "could not bring calls forward", (c, s) -> {
            s.setDouble(1, seconds(spread));
            s.setString(2, accountSid);
            s.setDouble(3, seconds(beyond));
        });
    }

    /**
     * Marks an in-flight call ended by a status callback (see AWAIT_PROCESSING).
     *
     * @param lookAt when a per-call poll should come at the latest, or null to leave it to the sweep
     * @return false when the call is unknown or already finished
     */
    public boolean awaitProcessing(String callSid, Instant lookAt) {
        return update(AWAIT_PROCESSING, "could not mark a call ended", (c, s) -> {
            s.setString(1, CallPhase.POST_PROCESSING.wireName());
            setInstant(s, 2, lookAt);
            setInstant(s, 3, lookAt);
            s.setString(4, callSid);
        }) == 1;
    }

    /** Up to {@code limit} calls for a post-processing sweep, marked swept; none unless one is due (see CLAIM_PROCESSING_SWEEP). */
    public List<Swept> claimProcessingSweep(String accountSid, Instant dueBefore, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_PROCESSING_SWEEP)) {
            s.setString(1, accountSid);
            s.setString(2, CallPhase.POST_PROCESSING.wireName());
            setInstant(s, 3, dueBefore);
            s.setInt(4, limit);
            s.setString(5, accountSid);
            s.setInt(6, limit);
            return swept(s, limit);
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not claim calls for a post-processing sweep", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection c, PreparedStatement s) throws SQLException;
    }

    private int update(String sql, String failure, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify(failure, e);
        }
    }

    /** The calls a sweep claim returns: SID, the previous sweep, the phase before it. */
    private static List<Swept> swept(PreparedStatement s, int expected) throws SQLException {
        List<Swept> swept = new ArrayList<>(expected);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                swept.add(new Swept(rs.getString(1), instant(rs, 2), endSeen(rs.getString(3))));
            }
        }
        return swept;
    }

    private static Array sids(Connection c, List<String> callSids) throws SQLException {
        return c.createArrayOf("text", callSids.toArray());
    }

    /** Reads CLAIM_COLUMNS, which CLAIM_DUE, CLAIM_EXPIRED and CANCEL return first. */
    private static Claim claim(ResultSet rs) throws SQLException {
        return new Claim(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4), rs.getInt(5), rs.getInt(6),
                instant(rs, 7), rs.getString(8), rs.getInt(9), endSeen(rs.getString(10)), instant(rs, 11));
    }

    private static boolean endSeen(String phase) {
        return CallPhase.POST_PROCESSING.wireName().equals(phase);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }
}
