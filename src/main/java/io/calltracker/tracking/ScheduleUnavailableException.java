package io.calltracker.tracking;

/**
 * The schedule's database is away (unreachable, out of resources, shutting down, a deadlock): the caller
 * retries later. Never the data's fault: a statement whose data the database refuses is a
 * {@link RowRefusedException} (see {@link DatabaseFailures}).
 */
public class ScheduleUnavailableException extends RuntimeException {
    public ScheduleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
