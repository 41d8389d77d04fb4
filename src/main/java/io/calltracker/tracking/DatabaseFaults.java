package io.calltracker.tracking;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells "the database is away" from "the database refused this call's data" by SQLSTATE class: the
 * first must not count against the call (the lease hands it on when the database is back), the second
 * is the call's own fault and counts toward max-poll-failures.
 */
final class DatabaseFaults {

    /** connection exception, insufficient resources, operator intervention (shutdown, crash recovery). */
    private static final Set<String> AWAY_CLASSES = Set.of("08", "53", "57");

    private DatabaseFaults() {
    }

    /** True when the failure is the database being unreachable, or an SQL failure without a state (pool timeout). */
    static boolean away(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.length() < 2 || AWAY_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }

    /** Names the failure without its message (messages can quote the reply, which may hold recording URLs). */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" < ").append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" SQLSTATE ").append(sql.getSQLState());
            }
        }
        return text.toString();
    }
}
