package io.calltracker.base;

import java.time.Duration;

/**
 * A wait or a slack that may be zero (no wait) but not negative, at most a year; SmallRye Config names the
 * key in the start-up failure.
 */
public final class WaitSetting extends BoundedDuration {

    public WaitSetting() {
        super("a wait", Duration.ZERO, "0 or more");
    }
}
