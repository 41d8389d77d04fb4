package io.calltracker.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An account with calls in flight, as one claim round sees it: when its earliest call is due, when the
 * sweep last looked at its least recently looked-at call, when its last sweep request went out and how
 * many calls it has in flight. Accounts without calls in flight have none, so a round costs them nothing
 * (issue 12: claim work independent of the number of accounts).
 *
 * @param now        the database's clock when the round read this
 * @param lastSweep  when the account's last sweep request went out (any instance); null before the first
 * @param inFlight   its calls in flight, counted up to a cap (ten chunks): beyond it the pace is the cap's
 */
public record AccountWork(String accountSid, Instant now, Instant earliestDue, Instant oldestLook, Instant lastSweep,
                          long inFlight) {

    /** A call of the account is due for its per-call poll. */
    public boolean callsDue() {
        return !earliestDue.isAfter(now);
    }

    /**
     * Whether a sweep request is due, and for which calls. The sweep interval L is the average time between
     * two looks at a call: with N calls in flight and up to {@code chunk} SIDs a request, one request every
     * L × chunk ÷ N (at most every L) asks about the {@code chunk} calls looked at least recently, so each
     * is looked at once per L on average for N ÷ chunk requests per interval. Pacing by "the oldest look is
     * L old" instead costs ⌈N ÷ chunk⌉: at 108 calls every call is asked twice per L, because the 8 left
     * out of one request are due again right after it (issue 12, item 1). A call is never left unlooked
     * longer than 2 L: past that a request goes whatever the pace.
     *
     * @return the pace and the bound a request's oldest look must be at or before; empty when none is due
     */
    public Optional<SweepSlot> sweepDue(Duration interval, int chunk) {
        Duration pace = pace(interval, chunk);
        Instant paceBound = now.minus(pace);
        boolean paced = !oldestLook.isAfter(paceBound) && (lastSweep == null || !lastSweep.isAfter(paceBound));
        Instant overdueBound = now.minus(interval.multipliedBy(2));
        if (paced) {
            return Optional.of(new SweepSlot(paceBound, paceBound));
        }
        return oldestLook.isAfter(overdueBound) ? Optional.empty()
                : Optional.of(new SweepSlot(now, overdueBound));
    }

    /** L × chunk ÷ N, at most L. */
    Duration pace(Duration interval, int chunk) {
        if (inFlight <= chunk) {
            return interval;
        }
        return Duration.ofNanos((long) (interval.toNanos() * ((double) chunk / inFlight)));
    }

    /**
     * @param lastSentBefore the slot is free when the account's last request went out at or before this
     * @param dueBefore      the request's oldest look must be at or before this
     */
    public record SweepSlot(Instant lastSentBefore, Instant dueBefore) {
    }
}
