package io.calltracker.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issue 12, item 2: bulk with status callbacks at either moment ({@code cb-terminal}, {@code cb-end}) beside
 * bulk without callbacks at the same L, the targets (p95 ≤ 10 s, p99 ≤ 60 s after the terminal moment,
 * ≤ 1.2 requests per call over all calls), and what the workload allows at best.
 */
final class CallbackReport {

    static final List<String> STRATEGIES = List.of("cb-terminal", "cb-end");
    private static final double P95_TARGET_S = 10;
    private static final double P99_TARGET_S = 60;
    private static final double REQUESTS_TARGET = 1.2;

    private CallbackReport() {
    }

    static void print(PrintStream out, Profile p, List<Report.RoundResult> rounds) {
        if (rounds.stream().noneMatch(r -> STRATEGIES.stream().anyMatch(s -> r.run(s).isPresent()))) {
            return;
        }
        out.printf("%ncallbacks (issue 12 item 2) — %s%n", p.callbacks().describe());
        for (Report.RoundResult round : rounds) {
            double l = round.knobS();
            Optional<Figures.Run> bulk = round.run("bulk");
            out.printf("  L = %ss   %-12s %8s %6s %6s %6s %6s%n", Report.num(l), "", "req/call", "p50 s", "p95 s", "p99 s", "max s");
            bulk.ifPresent(b -> row(out, "bulk (none)", b));
            for (String s : STRATEGIES) {
                round.run(s).ifPresent(r -> row(out, s, r));
            }
            out.printf("    floor cb-terminal: the %.0f%% of calls without a callback wait for the sweep (uniform over [0, L]):"
                            + " p95 ≥ %s s, p99 ≥ %s s; v1 ≈ %.2f per call at a steady %,.0f calls/h (one request per L)%n",
                    lostShare(p) * 100, Report.num(lostQuantile(p, 0.95, l)), Report.num(lostQuantile(p, 0.99, l)),
                    3600 / l / p.callsPerHour(), p.callsPerHour());
            double s = p.callbacks().processingSweep().toMillis() / 1000.0;
            out.printf("    floor cb-end: a call turns terminal at any moment of its post-processing (log-uniform 5 s–15 min), so"
                            + " the post-processing sweep every %s s finds it after up to that: p95 ≈ %.1f s; one v1 request per"
                            + " %s s while any call post-processes (nearly always at %,.0f calls/h, ~%.0f at once) = %.2f per call:"
                            + " ≥ %.2f req/call with v3's 1. p95 ≤ 10 s needs a sweep every ≤ 10.5 s, i.e. ≥ %.2f req/call at"
                            + " %,.0f calls/h; %,.0f calls/h would be needed for 1.2%n",
                    Report.num(s), 0.95 * s, Report.num(s), p.callsPerHour(), p.callsPerHour() / 3600 * meanPostProcessingS(),
                    3600 / s / p.callsPerHour(), 1 + 3600 / s / p.callsPerHour(), 1 + 3600 / 10.5 / p.callsPerHour(),
                    p.callsPerHour(), 3600 / 10.5 / (REQUESTS_TARGET - 1));
        }
        out.println("  req/call here is over the whole run, its drain included (after the last arrival the longest calls keep"
                + " a sweep going for minutes); the bulk sweep lines above give the steady-state v1 share.");
    }

    /** Item 2's targets for each callback run. */
    static List<Targets.Target> targets(List<Report.RoundResult> rounds) {
        List<Targets.Target> targets = new ArrayList<>();
        for (Report.RoundResult round : rounds) {
            for (String s : STRATEGIES) {
                round.run(s).ifPresent(r -> {
                    String at = "at L = " + Report.num(round.knobS()) + "s";
                    targets.add(target(s + " p95 s after terminal", "≤ 10", r.latencyP95S(), at, r.latencyP95S() <= P95_TARGET_S));
                    targets.add(target(s + " p99 s after terminal", "≤ 60", r.latencyP99S(), at, r.latencyP99S() <= P99_TARGET_S));
                    targets.add(target(s + " req/call (all calls)", "≤ 1.2", r.requestsPerCall(), at,
                            r.requestsPerCall() <= REQUESTS_TARGET));
                });
            }
        }
        return targets;
    }

    private static Targets.Target target(String name, String goal, double value, String where, boolean met) {
        return new Targets.Target(name, goal, value, where, Double.isNaN(value) ? Targets.NOT_MEASURED : met ? Targets.MET : Targets.MISSED);
    }

    private static void row(PrintStream out, String name, Figures.Run r) {
        out.printf("    %-20s %8.2f %6.0f %6.0f %6.0f %6.0f%n", name, r.requestsPerCall(), r.latencyP50S(), r.latencyP95S(),
                r.latencyP99S(), r.latencyMaxS());
    }

    private static double lostShare(Profile p) {
        return 1 - p.callbacks().delivered();
    }

    /** The quantile of all calls' latency when the delivered ones are found at once and the rest uniformly within L. */
    private static double lostQuantile(Profile p, double quantile, double l) {
        double lost = lostShare(p);
        return lost <= 1 - quantile ? 0 : Math.round(l * (1 - (1 - quantile) / lost));
    }

    /** Mean of the log-uniform 5 s–15 min post-processing. */
    private static double meanPostProcessingS() {
        return (900 - 5) / Math.log(900.0 / 5);
    }
}
