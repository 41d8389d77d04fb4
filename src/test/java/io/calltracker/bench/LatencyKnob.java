package io.calltracker.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What a setting's latency knob L — how long a call may go unlooked-at — sets for each strategy. The
 * strategies differ in which parameter bounds that gap, so the curve compares them at the same promise,
 * not at the same parameter value. Durations are real; {@link StrategyRun} compresses them.
 */
final class LatencyKnob {

    static final String MEANING = "fixed: poll-interval L; exponential/adaptive: max interval L; bulk, cb-terminal, cb-end: sweep interval L";

    /** application.properties' per-call floor, which the backoff strategies keep while L allows it. */
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    /** application.properties' per-call ceiling: the fault backoff of every strategy. */
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(2);
    /** application.properties' fixed period: bulk's per-call fallback (404s, an account whose v1 is refused). */
    private static final Duration POLL_INTERVAL = Duration.ofMinutes(1);

    private LatencyKnob() {
    }

    /** Which schedule the tracker runs for the strategy: a per-call strategy, with or without the bulk sweep. */
    static Map<String, String> switches(String strategy) {
        return switch (strategy) {
            case "fixed", "exponential", "adaptive" -> Map.of("tracker.poll-strategy", strategy, "tracker.bulk.enabled", "false");
            // The shipped per-call fallback (fixed, every poll-interval) with the sweep on.
            case "bulk" -> Map.of("tracker.poll-strategy", "fixed", "tracker.bulk.enabled", "true");
            // Bulk with status callbacks (CallbackPlan): the endpoint switched on by its token.
            case "cb-terminal", "cb-end" -> Map.of("tracker.poll-strategy", "fixed", "tracker.bulk.enabled", "true",
                    "tracker.status-callback.token", CallbackPlan.TOKEN);
            default -> throw unknown(strategy);
        };
    }

    /** The intervals L sets for the strategy (real). */
    static Map<String, Duration> intervals(String strategy, Duration l) {
        return switch (strategy) {
            // Fixed polls every poll-interval; min/max only bound its fault backoff.
            case "fixed" -> Map.of("tracker.poll-interval", l, "tracker.poll-min-interval", MIN_INTERVAL,
                    "tracker.poll-max-interval", MAX_INTERVAL);
            case "exponential", "adaptive" -> Map.of("tracker.poll-min-interval", l.compareTo(MIN_INTERVAL) < 0 ? l : MIN_INTERVAL,
                    "tracker.poll-max-interval", l);
            case "bulk", "cb-terminal", "cb-end" -> Map.of("tracker.poll-interval", POLL_INTERVAL, "tracker.poll-min-interval",
                    MIN_INTERVAL, "tracker.poll-max-interval", MAX_INTERVAL, "tracker.bulk.sweep-interval", l);
            default -> throw unknown(strategy);
        };
    }

    private static IllegalArgumentException unknown(String strategy) {
        return new IllegalArgumentException("unknown strategy " + strategy + "; known: " + Profile.STRATEGIES + " and " + Profile.CALLBACK_STRATEGIES);
    }
}
