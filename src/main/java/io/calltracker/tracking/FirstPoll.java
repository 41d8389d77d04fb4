package io.calltracker.tracking;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * When a newly tracked call is first polled. With the bulk sweep on, the sweep finds the call's end,
 * so the first per-call poll is the safety net's; without it, after the initial delay.
 */
@ApplicationScoped
public class FirstPoll {

    private final Duration delay;

    public FirstPoll(TrackerConfig config) {
        this.delay = config.bulk().enabled() ? config.bulk().safetyNetInterval() : config.pollInitialDelay();
    }

    public Duration delay() {
        return delay;
    }
}
