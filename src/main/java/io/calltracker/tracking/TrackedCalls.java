package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseAwayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads table tracked_call for operators; never writes (PollSchedule does). */
@ApplicationScoped
public class TrackedCalls {

    // next_poll_at of a finished call is a leftover, not a plan: shown as null.
    private static final String COLUMNS = """
            call_sid, account_sid, phase, first_seen_at, floor(extract(epoch FROM now() - first_seen_at))::bigint,
            CASE WHEN outcome IS NULL THEN next_poll_at END, poll_count, last_error, claimed_by, outcome, finished_at
            """;

    private static final String FIND = "SELECT " + COLUMNS + " FROM tracked_call WHERE call_sid = ?";

    private static final String LIST = """
            SELECT %s FROM tracked_call
             WHERE %s AND first_seen_at <= now() - make_interval(secs => ?) AND (?::text IS NULL OR account_sid = ?)
             ORDER BY first_seen_at, call_sid
             LIMIT ?
            """;
    private static final String LIST_IN_FLIGHT = LIST.formatted(COLUMNS, "outcome IS NULL");
    private static final String LIST_FINISHED = LIST.formatted(COLUMNS, "outcome IS NOT NULL");

    private final AgroalDataSource dataSource;

    public TrackedCalls(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<TrackedCallView> find(String callSid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            s.setString(1, callSid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not read a tracked call", e);
        }
    }

    /**
     * Oldest first.
     *
     * @param accountSid only this account's calls, or null for all
     */
    public List<TrackedCallView> list(boolean inFlight, Duration minAge, String accountSid, int limit) {
        String sql = inFlight ? LIST_IN_FLIGHT : LIST_FINISHED;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setDouble(1, minAge.toMillis() / 1000.0);
            s.setString(2, accountSid);
            s.setString(3, accountSid);
            s.setInt(4, limit);
            List<TrackedCallView> calls = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    calls.add(view(rs));
                }
            }
            return calls;
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not list tracked calls", e);
        }
    }

    private static TrackedCallView view(ResultSet rs) throws SQLException {
        return new TrackedCallView(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), rs.getLong(5),
                instant(rs, 6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10), instant(rs, 11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
