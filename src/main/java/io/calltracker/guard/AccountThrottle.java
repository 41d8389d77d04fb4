package io.calltracker.guard;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseFailures;
import io.calltracker.exotel.ExotelConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What Exotel's 429s told us about an account, shared by all instances in table account_state:
 * the moment before which nobody may call the account, and how far to slow down.
 */
@ApplicationScoped
public class AccountThrottle {

    /** Slow-down steps: level n spends 2^n tokens per request, i.e. runs at share / 2^n. */
    static final int MAX_LEVEL = 3;
    private static final Duration BACKOFF_WITHOUT_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration CAP_WITHOUT_RETRY_AFTER = Duration.ofMinutes(1);

    /**
     * The block in force: never longer than the cap counted from the 429 that set it. A longer one was
     * written by an older version or under a longer cap; it would otherwise hold for its whole length,
     * as greatest() never shortens a block. %1$s is the table's alias, %2$s the cap as an interval.
     */
    private static final String BLOCK_IN_FORCE = "CASE WHEN %1$sblocked_until > %1$slast_rate_limited_at + %2$s"
            + " THEN %1$slast_rate_limited_at + %2$s ELSE %1$sblocked_until END";

    private static final String READ = "SELECT %s, throttle_level FROM account_state WHERE account_sid = ?";

    private static final String RATE_LIMITED = """
            INSERT INTO account_state AS s (account_sid, blocked_until, throttle_level, last_rate_limited_at)
            VALUES (?, now() + make_interval(secs => ?), 1, now())
            ON CONFLICT (account_sid) DO UPDATE
               SET blocked_until = greatest(coalesce(%s, now()), now() + make_interval(secs => ?)),
                   throttle_level = least(s.throttle_level + 1, ?),
                   last_rate_limited_at = now(), updated_at = now()
            """;

    /** One step back toward the full share per calm minute; the step moves the cap's anchor, so the block is clamped first. */
    private static final String CALM = """
            UPDATE account_state SET throttle_level = throttle_level - 1, blocked_until = %s,
                   last_rate_limited_at = now(), updated_at = now()
             WHERE account_sid = ? AND throttle_level > 0 AND last_rate_limited_at < now() - interval '1 minute'
            """;

    private final AgroalDataSource dataSource;
    private final Duration cap;
    private final String read;
    private final String rateLimited;
    private final String calm;

    public AccountThrottle(AgroalDataSource dataSource, ExotelConfig config) {
        this.dataSource = dataSource;
        this.cap = config.retryAfterCap();
        // The cap is a number from our configuration, not outside data: formatted in once.
        String capInterval = "make_interval(secs => " + cap.getSeconds() + ")";
        this.read = READ.formatted(BLOCK_IN_FORCE.formatted("", capInterval));
        this.rateLimited = RATE_LIMITED.formatted(BLOCK_IN_FORCE.formatted("s.", capInterval));
        this.calm = CALM.formatted(BLOCK_IN_FORCE.formatted("", capInterval));
    }

    public ThrottleState read(String accountSid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(read)) {
            s.setString(1, accountSid);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return ThrottleState.CALM;
                }
                OffsetDateTime blocked = rs.getObject(1, OffsetDateTime.class);
                return new ThrottleState(blocked == null ? null : blocked.toInstant(), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not read the state of account " + accountSid, e);
        }
    }

    /**
     * A 429: block the account for Retry-After (or our own growing backoff when absent), never longer
     * than the cap, and slow down.
     *
     * @return the window the account is blocked for from now
     */
    public Duration rateLimited(String accountSid, Duration retryAfter, int currentLevel) {
        Duration asked = retryAfter != null ? retryAfter : ownBackoff(currentLevel);
        Duration window = asked.compareTo(cap) > 0 ? cap : asked;
        double seconds = Math.max(1, window.toMillis()) / 1000.0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(rateLimited)) {
            s.setString(1, accountSid);
            s.setDouble(2, seconds);
            s.setDouble(3, seconds);
            s.setInt(4, MAX_LEVEL);
            s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not record a 429 for account " + accountSid, e);
        }
        return window;
    }

    public void calmDown(String accountSid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(calm)) {
            s.setString(1, accountSid);
            s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not relax the throttle of account " + accountSid, e);
        }
    }

    static Duration ownBackoff(int level) {
        Duration backoff = BACKOFF_WITHOUT_RETRY_AFTER.multipliedBy(1L << Math.min(level, 10));
        return backoff.compareTo(CAP_WITHOUT_RETRY_AFTER) > 0 ? CAP_WITHOUT_RETRY_AFTER : backoff;
    }

    /** @param blockedUntil null when not blocked */
    public record ThrottleState(Instant blockedUntil, int level) {
        static final ThrottleState CALM = new ThrottleState(null, 0);

        public boolean blockedAt(Instant now) {
            return blockedUntil != null && blockedUntil.isAfter(now);
        }

        /** Tokens one request costs at this level. */
        public int cost() {
            return 1 << Math.min(level, MAX_LEVEL);
        }
    }
}
