package io.calltracker.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An account with calls in flight, as one claim round sees it: when its earliest call is due and when
 * the sweep last looked at its least recently looked-at call. Accounts without calls in flight have
 * none, so a round costs them nothing (issue 12: claim work independent of the number of accounts).
 *
 * @param now the database's clock when the round read this
 */
public record AccountWork(String accountSid, Instant now, Instant earliestDue, Instant oldestLook) {

    /** A call of the account is due for its per-call poll. */
    public boolean callsDue() {
        return !earliestDue.isAfter(now);
    }

    /**
     * @return the bound a sweep's oldest look must be at or before ({@code sweepInterval} before the
     * database's now), or empty when the account's oldest look is more recent: no sweep is due
     */
    public Optional<Instant> sweepDueBefore(Duration sweepInterval) {
        Instant bound = now.minus(sweepInterval);
        return oldestLook.isAfter(bound) ? Optional.empty() : Optional.of(bound);
    }
}
