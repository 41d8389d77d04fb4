package io.calltracker.base;

import java.time.Duration;

/**
 * A loop's period, lease or time-out: at least 10 ms (the finest the time-compressed benchmarks use), at
 * most a year. Zero or a negative value would run a loop back to back (a busy database or a spent rate
 * share) or make every lease already over; SmallRye Config names the key in the start-up failure.
 */
public final class IntervalSetting extends BoundedDuration {

    public static final Duration FLOOR = Duration.ofMillis(10);

    public IntervalSetting() {
        super("an interval", FLOOR, "at least 10ms (0 or less would repeat it back to back)");
    }
}
