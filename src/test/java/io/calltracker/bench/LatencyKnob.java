package io.calltracker.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What a setting's latency knob L — how long a call may go unlooked-at — sets for each strategy. The
 * strategies differ in which parameter bounds that gap, so the curve compares them at the same promise,
 * not at the same parameter value. Durations are real; {@link StrategyRun} compresses them.
 */
final class LatencyKnob {

    static final String MEANING = "fixed: period L; exponential/adaptive: max interval L; bulk, cb-terminal, cb-end: sweep interval L";

    /** application.properties' per-call floor, which the backoff strategies keep while L allows it. */
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    /** application.properties' per-call ceiling: the fault backoff of fixed and the per-call fallback of bulk. */
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(2);

    private LatencyKnob() {
    }

    /** Which schedule the tracker runs for the strategy: a per-call strategy, with or without the bulk sweep. */
    static Map<String, String> switches(String strategy) {
        return switch (strategy) {
            case "fixed", "exponential", "adaptive" -> Map.of("tracker.poll-strategy", strategy, "tracker.bulk.enabled", "false");
            case "bulk" -> Map.of("tracker.poll-strategy", "adaptive", "tracker.bulk.enabled", "true");
            // Bulk with status callbacks (CallbackPlan): the endpoint switched on by its token.
            case "cb-terminal", "cb-end" -> Map.of("tracker.poll-strategy", "adaptive", "tracker.bulk.enabled", "true",
                    "tracker.status-callback.token", CallbackPlan.TOKEN);
            default -> throw unknown(strategy);
        };
    }

    /** The intervals L sets for the strategy (real). */
    static Map<String, Duration> intervals(String strategy, Duration l) {
        return switch (strategy) {
            // Fixed polls every min-interval; max-interval only caps its fault backoff and may not be below min.
            case "fixed" -> Map.of("tracker.poll-min-interval", l,
                    "tracker.poll-max-interval", l.compareTo(MAX_INTERVAL) > 0 ? l : MAX_INTERVAL);
            case "exponential", "adaptive" -> Map.of("tracker.poll-min-interval", l.compareTo(MIN_INTERVAL) < 0 ? l : MIN_INTERVAL,
                    "tracker.poll-max-interval", l);
            case "bulk", "cb-terminal", "cb-end" -> Map.of("tracker.poll-min-interval", MIN_INTERVAL, "tracker.poll-max-interval", MAX_INTERVAL,
                    "tracker.bulk.sweep-interval", l);
            default -> throw unknown(strategy);
        };
    }

    private static IllegalArgumentException unknown(String strategy) {
        return new IllegalArgumentException("unknown strategy " + strategy + "; known: " + Profile.STRATEGIES + " and " + Profile.CALLBACK_STRATEGIES);
    }
}
