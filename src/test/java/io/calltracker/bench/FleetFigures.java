package io.calltracker.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What {@link FleetProbe} measured; rates and latencies in real (uncompressed) units.
 *
 * @param accounts            accounts configured on every instance (the mounted file's and the default one)
 * @param idle                the idle instances' claim statements
 * @param fairness            each ordinary account alone and beside the saturating one
 * @param hot                 the saturating account in the second phase
 * @param shares              every loaded account's requests at the simulator, all instances together
 * @param tookWallSeconds     the whole fleet part, start-up included
 */
record FleetFigures(int accounts, int instances, Idle idle, List<Fairness> fairness, Hot hot, List<Share> shares,
                    double tookWallSeconds) {

    /** Goal of item 4: claim statements per second per idle instance. */
    static final double IDLE_STATEMENTS_GOAL = 10;
    /** Goal of item 4: an ordinary account's p95 beside a saturating one, within this factor of its solo p95. */
    static final double FAIRNESS_GOAL = 1.10;

    /**
     * @param claimStatementsPerSecond per instance: its tracker_claim_statements_total per real second (run-time rate ÷ k)
     * @param statementsPerRound       per instance: claim statements ÷ claim rounds (accounts_with_work statements)
     * @param byStatement              all instances: claim statements per real second by statement
     * @param dbTransactionsPerSecond  pg_stat_database xact_commit + xact_rollback of the shared database ÷ instances,
     *                                 per real second: every statement of the tracker, claims or not
     * @param cpuPercent               per instance: its CPU time ÷ wall time (run time, not scaled)
     */
    record Idle(double wallSeconds, List<Double> claimStatementsPerSecond, List<Double> statementsPerRound,
                Map<String, Double> byStatement, double dbTransactionsPerSecond, List<Double> cpuPercent) {

        double worstPerSecond() {
            return claimStatementsPerSecond.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /**
     * One ordinary account: calls with their event, p50 and p95 latency (terminal moment → event consumed) alone and
     * beside the saturating one, and the p95 of its detection part alone (terminal moment → the tracker's
     * terminal_detected_at): what the claim rounds decide, without the shared publishing after it. The solo phase
     * runs again after the beside one ({@code soloAgainP95S}): the ratio is taken against the mean of the two, and
     * their difference is the run's noise.
     */
    record Fairness(String account, int calls, int soloDone, double soloP50S, double soloP95S, double soloDetectP95S,
                    int besideDone, double besideP50S, double besideP95S, double besideDetectP95S, double soloAgainP95S) {

        double p95Ratio() {
            return besideP95S / soloMeanP95S();
        }

        /** How far apart the two solo runs are, relative to their mean: above the goal's 10 %, the box decides. */
        double noise() {
            return Math.abs(soloP95S - soloAgainP95S) / soloMeanP95S();
        }

        private double soloMeanP95S() {
            return (soloP95S + soloAgainP95S) / 2;
        }
    }

    double worstNoise() {
        return fairness.stream().mapToDouble(Fairness::noise).max().orElse(Double.NaN);
    }

    /**
     * Saturated: the account took at least 90% of what its budget sustains, the refill of 5/6 of the share a minute
     * (guard/RateBudget: burst share/6, refill the rest; a full window reaches the share only after an idle spell).
     */
    static final double SATURATED = 0.9 * 5 / 6;

    /** @param done calls of the saturating account with their event when the ordinary accounts' last one had its event */
    record Hot(String account, int calls, double callsPerHour, int done, Share share) {

        boolean saturated() {
            return share.windowPeakPerMinute() >= SATURATED * share.sharePerMinute();
        }
    }

    /**
     * One account in one phase, all instances together.
     *
     * @param peakPerMinute       most requests in one real minute (sampled every 60/k s of run time)
     * @param windowPeakPerMinute the simulator's most requests in a sliding 60 s of run time, ÷ k: the window the shared
     *                            budget guarantees (C + R = share per minute of its clock). Compressed, the bucket's burst
     *                            (share/6 tokens) is k times a real one's and may land in one real minute, so
     *                            {@code peakPerMinute} can pass the share while every budget window keeps it
     */
    record Share(String account, String phase, int sharePerMinute, long requests, double peakPerMinute,
                 double windowPeakPerMinute, long rateLimited) {
    }

    double worstP95Ratio() {
        return fairness.stream().mapToDouble(Fairness::p95Ratio).max().orElse(Double.NaN);
    }

    /** The most any account's instances together took of its share in a budget window (1 = all of it). */
    double worstWindowShare() {
        return shares.stream().mapToDouble(s -> s.windowPeakPerMinute() / s.sharePerMinute()).max().orElse(Double.NaN);
    }

    long rateLimited() {
        return shares.stream().mapToLong(Share::rateLimited).sum();
    }

    void print(PrintStream out) {
        out.printf("%nfleet: %,d accounts configured (mounted config/application.properties) on %d instances sharing one"
                + " database and one intake consumer group; took %.1f min wall%n", accounts, instances, tookWallSeconds / 60);
        out.printf("  idle, %.0f s wall: claim statements/s per instance %s (goal ≤ %s), per claim round %s;"
                        + " by statement, all instances %s%n", idle.wallSeconds(), rounded(idle.claimStatementsPerSecond()),
                Report.num(IDLE_STATEMENTS_GOAL), rounded(idle.statementsPerRound()), idle.byStatement().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format("%.2f", e.getValue())).toList());
        out.printf("  idle: all database transactions/s per instance %.1f (pg_stat_database, any statement); CPU %% per"
                + " instance %s%n", idle.dbTransactionsPerSecond(), rounded(idle.cpuPercent()));
        out.printf("  fairness: each ordinary account alone, then beside %s (%,.0f calls/h against a share of %d/min: %d calls,"
                        + " %d with their event by the end; it took %.0f/min in its busiest budget window: %s)%n", hot.account(),
                hot.callsPerHour(), hot.share().sharePerMinute(), hot.calls(), hot.done(), hot.share().windowPeakPerMinute(),
                hot.saturated() ? "saturated" : "NOT saturated, the instances' CPU held it back");
        out.printf("  %-12s %5s %9s %9s %9s %10s %11s %11s %11s %12s %10s %7s %6s%n", "account", "calls", "solo done",
                "solo p50", "solo p95", "solo det95", "beside done", "beside p50", "beside p95", "beside det95", "again p95",
                "p95 ×", "noise");
        for (Fairness f : fairness) {
            out.printf("  %-12s %5d %9d %9.1f %9.1f %10.1f %11d %11.1f %11.1f %12.1f %10.1f %7.2f %5.0f%%%n", f.account(),
                    f.calls(), f.soloDone(), f.soloP50S(), f.soloP95S(), f.soloDetectP95S(), f.besideDone(), f.besideP50S(),
                    f.besideP95S(), f.besideDetectP95S(), f.soloAgainP95S(), f.p95Ratio(), f.noise() * 100);
        }
        out.println("  p50/p95: terminal moment → event consumed; det95: p95 of terminal moment → the tracker's detection;"
                + " again: the solo phase repeated after; p95 × = beside ÷ mean of the two solo p95s; noise = their gap ÷ mean");
        out.printf("  share: requests at the simulator, all instances together (Exotel's limit %d/min per account)%n",
                Profile.ACCOUNT_LIMIT_PER_MINUTE);
        out.printf("  %-12s %-7s %6s %9s %9s %11s %5s%n", "account", "phase", "share", "requests", "peak/min", "window/min", "429s");
        for (Share s : shares) {
            out.printf("  %-12s %-7s %6d %9d %9.0f %11.0f %5d%n", s.account(), s.phase(), s.sharePerMinute(), s.requests(),
                    s.peakPerMinute(), s.windowPeakPerMinute(), s.rateLimited());
        }
        out.println("  peak/min: most requests in one real minute (sampled each 60/k s of run time); window/min: the simulator's"
                + " most in a sliding 60 s of run time ÷ k, the budget's window (compressed, its burst is k× a real one's)");
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList();
    }
}
