package io.calltracker.tracking;

import io.calltracker.base.IntervalSetting;
import io.calltracker.base.WaitSetting;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** How calls are scheduled, claimed and given up on. */
@ConfigMapping(prefix = "tracker")
public interface TrackerConfig {

    /** Delay between intake and the first poll. */
    @WithName("poll-initial-delay")
    @WithConverter(WaitSetting.class)
    Duration pollInitialDelay();

    /**
     * How a call is polled when no bulk sweep watches it (bulk off, or v1 refused for its account): fixed
     * (every poll-interval), adaptive (by phase, learning post-processing delays) or exponential. Fixed is
     * the default because it is the measured best: at equal p95 it costs fewer requests per call than the
     * other two (docs/performance.md, "Per-call polling").
     */
    @WithDefault("fixed")
    PollStrategy.Kind pollStrategy();

    /** The fixed strategy's period: with bulk off, how long a finished call may go unnoticed. */
    @WithName("poll-interval")
    @WithConverter(PollIntervalSetting.class)
    Duration pollInterval();

    /** Lower bound of the backoff between two polls of one call (faults; the exponential and adaptive strategies). */
    @WithName("poll-min-interval")
    @WithConverter(IntervalSetting.class)
    Duration pollMinInterval();

    /** Upper bound of the backoff between two polls of one call (faults; the exponential and adaptive strategies). */
    @WithName("poll-max-interval")
    @WithConverter(IntervalSetting.class)
    Duration pollMaxInterval();

    /** The backoff after faults, between poll-min-interval and poll-max-interval; refused when they are the wrong way round. */
    default BackoffPolicy backoff() {
        if (pollMaxInterval().compareTo(pollMinInterval()) < 0) {
            throw new IllegalArgumentException("tracker.poll-max-interval (" + pollMaxInterval()
                    + ") must not be shorter than tracker.poll-min-interval (" + pollMinInterval() + ")");
        }
        return new BackoffPolicy(pollMinInterval(), pollMaxInterval());
    }

    /** How long a call may answer 404 before its outcome is not_found. */
    @WithConverter(WaitSetting.class)
    Duration notFoundGrace();

    /** Age (since intake) after which a call that is still not terminal ends as gave_up. */
    @WithConverter(IntervalSetting.class)
    Duration maxTrackingAge();

    /**
     * Polls in a row whose reply could not be applied (a 200 that is not a readable call_details, or a
     * reply the record cannot take) before the call ends with outcome failed. Exotel's faults (5xx,
     * timeouts, 429, 404) do not count: they end a call only at max-tracking-age. At least 1; beyond an
     * int means no limit.
     */
    @WithDefault("10")
    @WithConverter(MaxPollFailuresSetting.class)
    int maxPollFailures();

    /**
     * How long a call of an account this instance does not know must be overdue before this instance
     * ends it (outcome gave_up). Not at once: in a rolling deploy an instance of the old configuration
     * sees the calls of an account only new instances know, and those poll them; a call no instance
     * has polled for this long has no instance that knows its account. Calls of an account configured
     * as disabled (exotel.accounts."x".enabled=false) end at once. Not negative; at most a year.
     */
    @WithDefault("15m")
    @WithConverter(UnknownAccountGraceSetting.class)
    Duration unknownAccountGrace();

    /**
     * How often an instance ends the calls no poll will end (max age despite a blocked account, orphans).
     * Slower than the claim rounds: each pass searches every in-flight call, and the calls it ends have
     * waited hours or minutes already.
     */
    @WithDefault("10s")
    @WithConverter(IntervalSetting.class)
    Duration expiryInterval();

    /** Calls claimed per claim statement. */
    @WithDefault("100")
    @WithConverter(ClaimBatchSizeSetting.class)
    int claimBatchSize();

    /** How long a claim is owned; after it a crashed instance's calls are retaken. */
    @WithConverter(IntervalSetting.class)
    Duration claimLease();

    /** How often an idle instance looks for due calls. */
    @WithConverter(IntervalSetting.class)
    Duration claimInterval();

    /** Fetch the legs of terminal calls (one more request per call; the legs API is Beta). */
    @WithDefault("true")
    boolean fetchLegs();

    /** Concurrent Exotel requests per instance. */
    @WithDefault("8")
    @WithConverter(PollConcurrencySetting.class)
    int pollConcurrency();

    /** Bulk end-detection: v1 Bulk Call Details sweeps instead of per-call polling. */
    Bulk bulk();

    interface Bulk {
        /** Sweep in-flight calls with v1 Bulk Call Details; off, or refused by the account: per-call polling. */
        @WithDefault("true")
        boolean enabled();

        /** How long a call goes unlooked-at between two sweeps: the latency knob with bulk on. */
        @WithDefault("30s")
        @WithConverter(IntervalSetting.class)
        Duration sweepInterval();

        /**
         * How long a call known to have ended (a status callback said so, or v1 listed it unprocessed) goes
         * unlooked-at while it is post-processing, for accounts whose callbacks come when calls end: one v1
         * request that often asks about all of them (and the account's other calls). Unset (the default): no
         * post-processing sweep, ended calls wait for the ordinary sweep. See docs/performance.md, Callbacks.
         */
        @WithConverter(IntervalSetting.class)
        Optional<Duration> processingSweepInterval();

        /** SIDs per v1 request (Exotel takes at most 100). */
        @WithDefault("100")
        @WithConverter(ChunkSizeSetting.class)
        int chunkSize();

        /** Per-call v3 poll interval while the sweep watches a call: the safety net (unknown SIDs, missed ends). */
        @WithDefault("20m")
        @WithConverter(IntervalSetting.class)
        Duration safetyNetInterval();

        /**
         * After v1 refused an account (401/403/404), or its answers contradicted the model too often, how
         * long until the sweep is tried again.
         */
        @WithDefault("10m")
        @WithConverter(IntervalSetting.class)
        Duration recheckInterval();

        /** Over how long the share of model checks that contradict the bulk model is taken, per account. */
        @WithDefault("10m")
        @WithConverter(IntervalSetting.class)
        Duration contradictionWindow();

        /**
         * The share of model checks in the window that contradict the bulk model at which the account leaves
         * bulk detection for per-call polling (until the recheck). In (0, 1].
         */
        @WithDefault("0.1")
        @WithConverter(ContradictionThresholdSetting.class)
        double contradictionThreshold();

        /** Model checks the window must hold before the share counts: a few odd calls do not switch an account. */
        @WithDefault("20")
        @WithConverter(ContradictionMinSampleSetting.class)
        int contradictionMinSample();

        /**
         * Slack when comparing Exotel's end times (whole seconds, Exotel's clock) with our sweep times: a sweep
         * counts as after a call's end only when it is later by more than this.
         */
        @WithDefault("5s")
        @WithConverter(WaitSetting.class)
        Duration modelTolerance();
    }
}
