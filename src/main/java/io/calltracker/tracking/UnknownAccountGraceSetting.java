package io.calltracker.tracking;

import io.calltracker.base.BoundedDuration;

import java.time.Duration;

/**
 * tracker.unknown-account-grace: not negative. 0 ends a call of an unknown account as soon as it is due
 * (for deployments whose instances all know the same accounts); a negative grace would end calls before
 * they are even due, which no deployment wants.
 */
public final class UnknownAccountGraceSetting extends BoundedDuration {

    public UnknownAccountGraceSetting() {
        super("tracker.unknown-account-grace", Duration.ZERO, "0 or more (0 ends such calls as soon as they are due)");
    }
}
