package io.calltracker.tracking;

import io.calltracker.base.BoundedCount;

/**
 * tracker.poll-concurrency: at least 1 (no poller would poll nothing); more than 256 threads are taken as
 * 256, far beyond what an account's rate share can use.
 */
public final class PollConcurrencySetting extends BoundedCount {

    public PollConcurrencySetting() {
        super("tracker.poll-concurrency", 1, 256, "at least 1 (without a poller no call is polled)");
    }
}
