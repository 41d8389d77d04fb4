package io.calltracker.tracking;

import io.calltracker.base.BoundedDuration;

import java.time.Duration;

/**
 * tracker.poll-interval: at least 10 ms. A zero or negative period would poll a call back to back and
 * spend the account's whole share on it.
 */
public final class PollIntervalSetting extends BoundedDuration {

    public PollIntervalSetting() {
        super("tracker.poll-interval", Duration.ofMillis(10), "at least 10ms (a call polled back to back would spend the account's share)");
    }
}
