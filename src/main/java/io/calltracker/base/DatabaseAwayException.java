package io.calltracker.base;

/**
 * The schedule's database is away (unreachable, out of resources, shutting down, a deadlock): the caller
 * retries later. Never the data's fault: a statement whose data the database refuses is a
 * {@link RowRefusedException} (see {@link DatabaseFailures}).
 */
public class DatabaseAwayException extends RuntimeException {
    public DatabaseAwayException(String message, Throwable cause) {
        super(message, cause);
    }
}
