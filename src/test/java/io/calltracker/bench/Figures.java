package io.calltracker.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The numbers a bench run produces. Every time and rate here is in real (uncompressed) units. */
final class Figures {

    private Figures() {
    }

    /**
     * One strategy at one latency setting.
     *
     * @param insideRetryAfter     requests sent while a Retry-After the simulator gave this account was still in force
     * @param knobS                the setting's latency knob L ({@link LatencyKnob})
     * @param requestsPerCall      all simulator requests of the account (any endpoint, any status) ÷ completed calls
     * @param v1Requests           the account's v1_bulk requests; null when the simulator's figures cannot attribute them
     * @param v1PerCall            v1Requests ÷ completed calls; NaN for a strategy without the sweep, or when unknown
     * @param v3PerCall            the account's other requests (call details, legs) ÷ completed calls; NaN when unknown
     * @param latencyP50S          event consumed − simulator terminal_at, calls with outcome terminal
     * @param intakeLagP50S        produced to the intake topic → row in tracked_call
     * @param detectToEventP50S    tracking.terminal_detected_at → event consumed: the publishing part of the latency
     * @param peakPerMinute        most requests in one real minute (sampled every 60/k s of run time)
     * @param simPeakPerMinute     the simulator's own peak (sliding 60 s of run time = k real minutes) ÷ k
     * @param capacityPerHour      calls/hour the tracker's share (150 req/min) sustains at this requests/call
     * @param cpuSecondsPer1kCalls tracker utime+stime from its first measured arrival (after warm-up) to its last event,
     *                             per 1,000 completed calls
     * @param runWallSeconds       first arrival to last event on the wall clock (run time, not scaled)
     * @param meanInFlight         calls tracked at a time, averaged over the run (Σ first seen → finished ÷ run time)
     * @param v1PerSweepInterval   v1Requests ÷ (run time ÷ L): what the sweep spent per interval, to set beside
     *                             ⌈meanInFlight ÷ 100⌉ (a cycle of chunks) and meanInFlight ÷ 100 (every request full)
     * @param steady               the same figures over the steady part of the arrivals only; null when the arrivals
     *                             were too short to have one
     * @param modelContradictions  the tracker's tracker_bulk_model_contradictions_total by kind at the end (empty without the sweep)
     */
    record Run(String strategy, String account, double knobS, int calls, int completed, int unfinished,
               Map<String, Long> outcomes, int extraEvents, long requests, Map<String, Long> requestsByStatus,
               long rateLimited, long insideRetryAfter, double requestsPerCall,
               Long v1Requests, double v1PerCall, double v3PerCall, double meanPollCount,
               double latencyP50S, double latencyP95S, double latencyP99S, double latencyMaxS,
               double intakeLagP50S, double intakeLagP95S,
               double detectToEventP50S, double detectToEventP95S, double peakPerMinute, double simPeakPerMinute,
               double capacityPerHour, double offeredPerHour, double cpuSecondsPer1kCalls,
               double runWallSeconds, double meanInFlight, double v1PerSweepInterval, Steady steady,
               Map<String, Long> modelContradictions) {
    }

    /**
     * A run's cost in steady state, as a tracker running all day would pay it: the requests the simulator counted
     * between two samples inside the arrivals (from {@code steady-after} after the first arrival to the last
     * arrival, when the calls in flight no longer grow) ÷ the calls that turned terminal in that window. The
     * whole-run figures also count the drain after the last arrival, when a handful of long calls keep a sweep
     * per interval going alone.
     *
     * @param fromS            window start, real seconds after the first arrival
     * @param lengthS          window length, real seconds
     * @param ended            calls whose terminal moment fell in the window
     * @param requests         the account's requests in the window, every endpoint
     * @param v1Requests       v1_bulk requests in the window; null when they cannot be attributed
     * @param meanInFlight     calls between intake and event, averaged over the window's samples
     * @param v1PerInterval    v1 requests per sweep interval L in the window, beside meanInFlight ÷ 100
     */
    record Steady(double fromS, double lengthS, int ended, long requests, Long v1Requests, double requestsPerCall,
                  double v1PerCall, double meanInFlight, double v1PerInterval) {
    }

    /** The engine with an unlimited simulator. NaN where a step was skipped. */
    record Engine(String rateSharePerMinute, int intakeSids, double intakePerSecond, double intakeCpuSecondsPer1k,
                  int pollInFlight, double pollsPerSecond, double pollCpuSecondsPer1k, Map<String, Long> pollStatuses,
                  int claimRowsInFlight, long claimRowsDue, int claimBatch, double claimP50Ms, double claimP99Ms,
                  double claimMaxMs, double claimMeanRows, int rssRowsInFlight, double rssMaxMb, double rssLastMb,
                  double pollsPerSecondAtRssRows, String loadBefore, String loadAfter, List<String> errors) {
    }

    /** db-scheduler doing the engine's work in the same run ({@link PeerProbe}); NaN where a step failed. */
    record Peer(int threads, double intakePerSecond, double intakeCpuSecondsPer1k, double pollsPerSecond,
                double pollCpuSecondsPer1k, double rssMaxMb, String loadBefore, String loadAfter, List<String> errors) {
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
