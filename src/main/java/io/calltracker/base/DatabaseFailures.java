package io.calltracker.base;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells "the database is away" from "the database refuses this data" by SQLSTATE class, so that callers
 * wait out the first ({@link DatabaseAwayException}) and give up on the second
 * ({@link RowRefusedException}: dead-letter, reject) instead of retrying it forever.
 */
public final class DatabaseFailures {

    /** 22 data exception (e.g. 22P05 NUL in jsonb, 22003 numeric overflow), 23 integrity constraint violation. */
    private static final Set<String> REFUSED_DATA = Set.of("22", "23");

    private DatabaseFailures() {
    }

    /**
     * Everything but a refusal of the data is the database being away, to be retried: 08 connection,
     * 53 insufficient resources, 57 operator intervention (shutdown), 40 rollback (deadlock, serialization),
     * no SQLSTATE at all (e.g. no connection could be taken from the pool), and any class not known to be
     * the data's fault, because dead-lettering good calls is worse than waiting.
     */
    public static RuntimeException classify(String failure, SQLException e) {
        return refusesData(e) ? new RowRefusedException(failure, e) : new DatabaseAwayException(failure, e);
    }

    /**
     * Whether a failure from any layer (JDBC, Hibernate, the transaction manager) is the database being
     * away by the same rule: the first SQL failure in its cause chain is not a refusal of the data. A
     * failure with no SQL cause at all (a mapping error, say) is not the database's.
     */
    public static boolean away(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseAwayException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                return !refusesData(sql);
            }
        }
        return false;
    }

    /**
     * Names a failure by its chain of exception types and SQLSTATE, without messages: a message can quote
     * the data (an Exotel reply, which may hold recording URLs).
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" < ").append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" SQLSTATE ").append(sql.getSQLState());
            }
        }
        return text.toString();
    }

    private static boolean refusesData(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.length() == 5 && REFUSED_DATA.contains(state.substring(0, 2));
    }
}
