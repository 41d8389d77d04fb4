package io.calltracker.tracking;

/** The schedule's database could not be reached or refused a statement; the caller retries later. */
public class ScheduleUnavailableException extends RuntimeException {
    public ScheduleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
