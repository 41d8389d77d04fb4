package io.calltracker.base;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * The database refused the data of a statement (SQLSTATE class 22 data exception or 23 integrity
 * violation, see {@link DatabaseFailures}): the same data would be refused again, so it is never retried.
 * A row the database refuses is that row's fault, not the database's.
 */
public class RowRefusedException extends RuntimeException {

    private final String reason;

    public RowRefusedException(String failure, SQLException cause) {
        super(failure + ": " + reason(cause), cause);
        this.reason = reason(cause);
    }

    /** Why, for a dead letter or a problem detail: "the database refused it (SQLSTATE …: primary message)". */
    public String reason() {
        return reason;
    }

    /**
     * Only the SQLSTATE and the server's primary message: no detail, hint or context lines, which may quote
     * other values of the statement. The primary message names at most the refused value itself.
     */
    private static String reason(SQLException cause) {
        ServerErrorMessage server = cause instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return "the database refused it (SQLSTATE " + cause.getSQLState()
                + (server == null || server.getMessage() == null ? "" : ": " + server.getMessage()) + ")";
    }
}
