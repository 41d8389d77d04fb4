package io.calltracker.bench;

import java.util.List;

/**
 * One strategy's curve against a baseline's over all settings: a baseline point (requests/call, p95) is
 * dominated when some point of ours, at any setting, costs no more requests and is no later. A curve
 * that dominates every baseline point is at least as good wherever the operator puts the knob.
 *
 * @param notDominated the baseline's points no point of ours matches or beats on both
 */
record Dominance(String ours, String baseline, List<Figures.Run> notDominated) {

    static Dominance of(String ours, String baseline, List<Report.RoundResult> rounds) {
        List<Figures.Run> ourPoints = points(ours, rounds);
        return new Dominance(ours, baseline, points(baseline, rounds).stream()
                .filter(base -> ourPoints.stream().noneMatch(o -> o.requestsPerCall() <= base.requestsPerCall()
                        && o.latencyP95S() <= base.latencyP95S()))
                .toList());
    }

    boolean dominates() {
        return notDominated.isEmpty();
    }

    private static List<Figures.Run> points(String strategy, List<Report.RoundResult> rounds) {
        return rounds.stream().flatMap(r -> r.run(strategy).stream()).toList();
    }
}
