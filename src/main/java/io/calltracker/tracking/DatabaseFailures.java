package io.calltracker.tracking;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells "the database is away" from "the database refuses this data" by SQLSTATE class, so that callers
 * wait out the first ({@link ScheduleUnavailableException}) and give up on the second
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
        String state = e.getSQLState();
        boolean refused = state != null && state.length() == 5 && REFUSED_DATA.contains(state.substring(0, 2));
        return refused ? new RowRefusedException(failure, e) : new ScheduleUnavailableException(failure, e);
    }
}
