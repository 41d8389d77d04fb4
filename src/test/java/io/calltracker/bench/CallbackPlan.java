package io.calltracker.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Status callbacks for the {@code cb-terminal} and {@code cb-end} strategies (bulk with callbacks, issue 12
 * item 2): the simulator's callback model in real units, set before the strategy's turn, and the tracker's
 * post-processing sweep. Bench keys {@code cb-share}, {@code cb-lost}, {@code cb-duplicated}, {@code cb-delay}
 * (median), {@code cb-sigma}, {@code cb-processing-sweep}.
 */
record CallbackPlan(double share, double lost, double duplicated, Duration delayMedian, double delaySigma,
                    Duration processingSweep) {

    static final String TOKEN = "bench-callback-token";
    static final Map<String, String> DEFAULTS = Map.of("cb-share", "1", "cb-lost", "0.1", "cb-duplicated", "0.1",
            "cb-delay", "2s", "cb-sigma", "1", "cb-processing-sweep", "10s");

    static CallbackPlan of(Map<String, String> settings) {
        return new CallbackPlan(Double.parseDouble(settings.get("cb-share")), Double.parseDouble(settings.get("cb-lost")),
                Double.parseDouble(settings.get("cb-duplicated")), Profile.duration(settings.get("cb-delay")),
                Double.parseDouble(settings.get("cb-sigma")), Profile.duration(settings.get("cb-processing-sweep")));
    }

    /** The moment the strategy's callbacks come at, empty for a strategy without callbacks. */
    static Optional<String> moment(String strategy) {
        return switch (strategy) {
            case "cb-terminal" -> Optional.of("terminal");
            case "cb-end" -> Optional.of("end");
            default -> Optional.empty();
        };
    }

    /** The share of calls whose callback arrives (at least once). */
    double delivered() {
        return share * (1 - lost);
    }

    /**
     * {@code PUT /simulator/callbacks}: delays ÷ k, capped at 15 real minutes; times with milliseconds, since at
     * k× a whole second of EndTime would stand for k real seconds.
     */
    Map<String, Object> model(String moment, double k) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("moment", moment);
        body.put("share", share);
        body.put("lost", lost);
        body.put("duplicated", duplicated);
        body.put("delay_median_ms", Math.round(delayMedian.toMillis() / k));
        body.put("delay_sigma", delaySigma);
        body.put("delay_max_ms", Math.round(Duration.ofMinutes(15).toMillis() / k));
        body.put("millis", true);
        return body;
    }

    String describe() {
        return String.format("callbacks: %.0f%% of calls, %.0f%% of those lost, %.0f%% duplicated (copy after its own"
                        + " delay: out of order), delay lognormal median %s σ%.1f; cb-end: post-processing sweep every %s",
                share * 100, lost * 100, duplicated * 100, Profile.human(delayMedian), delaySigma, Profile.human(processingSweep));
    }
}
