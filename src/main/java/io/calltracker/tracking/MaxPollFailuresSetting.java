package io.calltracker.tracking;

import io.calltracker.base.BoundedCount;

/**
 * tracker.max-poll-failures, checked as it is read: at least 1 (1 ends a call at its first reply that
 * cannot be applied; 0 or less has no meaning), and a number beyond an int is taken as the largest int,
 * which means no limit: only max-tracking-age ends such a call.
 */
public final class MaxPollFailuresSetting extends BoundedCount {

    public MaxPollFailuresSetting() {
        super("tracker.max-poll-failures", 1, Integer.MAX_VALUE,
                "at least 1 (1 fails a call at its first reply that cannot be applied)");
    }
}
