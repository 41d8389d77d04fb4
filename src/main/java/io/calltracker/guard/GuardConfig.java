package io.calltracker.guard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How an account's gate protects it: {@code tracker.guard.*} (env {@code TRACKER_GUARD_*}). The rate
 * share is the account's own setting ({@code exotel.rate-share-per-minute}).
 */
@ConfigMapping(prefix = "tracker.guard")
public interface GuardConfig {

    /** How often a paused account (credentials rejected) is probed with one request. */
    @WithDefault("5m")
    Duration authRecheckInterval();

    /** How long an account's circuit stays open after repeated API faults before a trial request. */
    @WithDefault("30s")
    Duration circuitOpenDelay();
}
