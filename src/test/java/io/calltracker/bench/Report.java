package io.calltracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The printed table and {@code target/bench/results.json}. */
final class Report {

    static final String OURS = "adaptive";

    /** One round: a latency setting and each strategy's figures. */
    record RoundResult(double maxIntervalS, List<Figures.Run> runs, Map<String, Long> requestsByEndpoint) {
    }

    private final Profile p;
    private final Map<String, String> machine;
    private final List<String> warnings;
    private final List<RoundResult> rounds;
    private final Figures.Engine engine;
    private final Duration took;

    Report(Profile p, Map<String, String> machine, List<String> warnings, List<RoundResult> rounds,
           Figures.Engine engine, Duration took) {
        this.p = p;
        this.machine = machine;
        this.warnings = warnings;
        this.rounds = rounds;
        this.engine = engine;
        this.took = took;
    }

    void print(PrintStream out) {
        out.println();
        out.printf("== exotel-call-tracker bench · profile %s · took %s ==%n", p.name(), minutes(took));
        out.printf("machine: %s%n", machine);
        out.printf("time compression k=%s: call durations and tracker intervals ÷%s, simulator limit and tracker share ×%s.%n",
                num(p.k()), num(p.k()), num(p.k()));
        out.println("ALL FIGURES ARE IN REAL (UNCOMPRESSED) UNITS unless marked wall.");
        out.printf("workload: %d calls per strategy per round at %,.0f calls/h (seed %d); %s%n",
                p.callsPerStrategy(), p.callsPerHour(), p.seed(), Workload.describe());
        out.printf("budget: account limit %d req/min at the simulator, tracker share %d req/min; strategies run on their own"
                        + " simulator accounts, %s%n",
                Profile.ACCOUNT_LIMIT_PER_MINUTE, Profile.TRACKER_SHARE_PER_MINUTE,
                p.parallel() ? "side by side" : String.format("in turns (the next one's calls start arriving once %.0f%% of the"
                        + " previous one's have their event, so only long tails overlap)", p.turnDone() * 100));
        allWarnings().forEach(w -> out.println("WARNING: " + w));
        if (!p.trackerProperties().isEmpty()) {
            out.printf("extra tracker properties: %s%n", p.trackerProperties());
        }
        for (RoundResult round : rounds) {
            out.printf("%npoll-max-interval %ss (poll-min-interval 10s)%n", num(round.maxIntervalS()));
            out.printf("%-12s %5s %5s %8s %8s %6s %6s %6s %6s %7s %7s %7s %6s %8s %7s %11s %7s  %s%n", "strategy", "calls",
                    "done", "req/call", "polls/cl", "p50 s", "p95 s", "p99 s", "max s", "in p95", "pub p50", "pub p95", "429s",
                    "peak/min", "simpeak", "calls/h@150", "cpu/1k", "outcomes");
            for (Figures.Run r : round.runs()) {
                out.printf("%-12s %5d %5d %8.2f %8.2f %6.0f %6.0f %6.0f %6.0f %7.1f %7.1f %7.1f %6d %8.0f %7.0f %,11.0f %7.1f  %s%n",
                        r.strategy(), r.calls(), r.completed(), r.requestsPerCall(), r.meanPollCount(), r.latencyP50S(),
                        r.latencyP95S(), r.latencyP99S(), r.latencyMaxS(), r.intakeLagP95S(), r.detectToEventP50S(),
                        r.detectToEventP95S(),
                        r.rateLimited(), r.peakPerMinute(), r.simPeakPerMinute(), r.capacityPerHour(),
                        r.cpuSecondsPer1kCalls(), r.outcomes());
            }
            out.printf("  requests by endpoint, all strategies of this setting: %s%n", round.requestsByEndpoint());
            for (Map<String, Object> ratio : ratios(round)) {
                out.printf("  %s ÷ %s: req/call %s×, p95 %s×, p99 %s×, calls/h inside budget %s×%n", OURS, ratio.get("baseline"),
                        num((double) ratio.get("requests_per_call")), num((double) ratio.get("p95")),
                        num((double) ratio.get("p99")), num((double) ratio.get("capacity_per_hour")));
            }
        }
        if (!rounds.isEmpty()) {
            out.printf("%ncurve: requests per completed call @ p95 detection latency (s)%n%-13s", "max-interval");
            p.strategies().forEach(s -> out.printf(" %18s", s));
            out.println();
            for (RoundResult round : rounds) {
                out.printf("%-13s", num(round.maxIntervalS()) + "s");
                for (String s : p.strategies()) {
                    Optional<Figures.Run> r = run(round, s);
                    out.printf(" %18s", r.map(x -> String.format("%.2f @ %.0f", x.requestsPerCall(), x.latencyP95S())).orElse("-"));
                }
                out.println();
            }
            out.println("columns: req/call = simulator requests (all endpoints, all statuses) ÷ calls with an event; polls/cl = mean"
                    + " tracking.poll_count; p50…max = event consumed − simulator terminal_at; in p95 = SID produced → row in"
                    + " tracked_call; pub p50/p95 = event consumed −"
                    + " tracking.terminal_detected_at; peak/min = busiest real minute (sampled; may exceed the share under"
                    + " compression, because the tracker's token bucket refills per wall-clock minute = k real minutes,"
                    + " which no setting compresses); simpeak = simulator's sliding-60 s peak ÷ k (average over the busiest"
                    + " k real minutes, the window the budget is really enforced on in a compressed run); calls/h@150 = 150 × 60 ÷ req/call; cpu/1k = tracker CPU s"
                    + " per 1,000 calls during the compressed run (idle ticks included, so ~k× the idle cost of real time)."
                    + " Per-call detail: target/bench/bench-s<setting>-<strategy>-calls.csv.");
        }
        if (engine != null) {
            Figures.Engine e = engine;
            out.printf("%nengine (simulator unlimited, tracker.rate-share-per-minute=%s, no compression, wall-clock rates)%s%n",
                    e.rateSharePerMinute(),
                    e.claimRowsInFlight() < 1_000_000 ? " — REDUCED SCALE: " + String.format("%,d", e.claimRowsInFlight())
                            + " rows in flight instead of 1,000,000" : "");
            out.printf("  intake        %,.0f SIDs/s (%,d SIDs produced at once; tracker CPU %.2f s per 1k)%n",
                    e.intakePerSecond(), e.intakeSids(), e.intakeCpuSecondsPer1k());
            out.printf("  polls         %,.0f polls/s sustained over %,d active calls due every 500 ms (CPU %.2f s per 1k polls; statuses %s)%n",
                    e.pollsPerSecond(), e.pollInFlight(), e.pollCpuSecondsPer1k(), e.pollStatuses());
            out.printf("  claim query   p50 %.2f ms, p99 %.2f ms, max %.2f ms over JDBC; %,d in flight, %,d due, limit %d,"
                            + " %.0f rows/claim → target/bench/claim-plan.txt%n", e.claimP50Ms(), e.claimP99Ms(), e.claimMaxMs(),
                    e.claimRowsInFlight(), e.claimRowsDue(), e.claimBatch(), e.claimMeanRows());
            out.printf("  tracker RSS   max %.0f MiB, last %.0f MiB with %,d in flight (same tracker, -Xmx256m), polling %,.0f/s"
                            + " meanwhile (the filler rows answer 404)%n",
                    e.rssMaxMb(), e.rssLastMb(), e.rssRowsInFlight(), e.pollsPerSecondAtRssRows());
        }
        List<String> flags = redFlags();
        out.printf("%nred flags: %s%n", flags.isEmpty() ? "none" : "");
        flags.forEach(f -> out.println("  - " + f));
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profile", p.name());
        json.put("units", "real (uncompressed) unless a field says wall");
        json.put("k", p.k());
        json.put("took_wall_s", took.toSeconds());
        json.put("machine", machine);
        json.put("warnings", allWarnings());
        json.put("settings", p);
        json.put("workload", Workload.describe());
        json.put("budget", Map.of("account_limit_per_minute", Profile.ACCOUNT_LIMIT_PER_MINUTE,
                "tracker_share_per_minute", Profile.TRACKER_SHARE_PER_MINUTE));
        List<Map<String, Object>> roundsJson = new ArrayList<>();
        for (RoundResult round : rounds) {
            roundsJson.add(Map.of("max_interval_s", round.maxIntervalS(), "runs", round.runs(), "ratios", ratios(round),
                    "requests_by_endpoint", round.requestsByEndpoint()));
        }
        json.put("rounds", roundsJson);
        json.put("engine", engine);
        json.put("red_flags", redFlags());
        new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private List<String> allWarnings() {
        List<String> all = new ArrayList<>(warnings);
        if (rounds.stream().flatMap(r -> r.runs().stream()).anyMatch(Figures.Run::subSecondTicksIgnored)) {
            all.add(String.format("the tracker logged \"%s\": its claim and outbox jobs tick at most once per wall second,"
                    + " so the compressed claim-interval/outbox-interval act as 1 s = %s s real. Each of those two hops adds"
                    + " up to %s s (≈ %s s on average) of real latency that an uncompressed run would not have;"
                    + " the latencies below include it (pub p50 shows the outbox hop). Likewise a poll due sooner than the next"
                    + " tick waits for it: poll-min-interval 10 s acts as %s s real, so 'fixed' polls less often than a real"
                    + " 10 s poller (fewer requests/call, more latency). Faithful figures need sub-second ticks in the tracker"
                    + " or k <= 10.", StrategyRun.SUB_SECOND_EVERY_IGNORED, num(p.k()), num(p.k()), num(p.k() / 2),
                    num(Math.max(10, p.k()))));
        }
        return all;
    }

    private List<Map<String, Object>> ratios(RoundResult round) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        Optional<Figures.Run> ours = run(round, OURS);
        if (ours.isEmpty()) {
            return ratios;
        }
        for (Figures.Run base : round.runs()) {
            if (!base.strategy().equals(OURS)) {
                Figures.Run o = ours.get();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("baseline", base.strategy());
                r.put("requests_per_call", o.requestsPerCall() / base.requestsPerCall());
                r.put("p95", o.latencyP95S() / base.latencyP95S());
                r.put("p99", o.latencyP99S() / base.latencyP99S());
                r.put("capacity_per_hour", o.capacityPerHour() / base.capacityPerHour());
                ratios.add(r);
            }
        }
        return ratios;
    }

    private List<String> redFlags() {
        List<String> flags = new ArrayList<>();
        if (engine != null) {
            flags.addAll(engine.errors());
        }
        for (RoundResult round : rounds) {
            for (Figures.Run r : round.runs()) {
                String at = r.strategy() + " @ max " + num(round.maxIntervalS()) + "s: ";
                if (r.unfinished() > 0) {
                    flags.add(at + r.unfinished() + " of " + r.calls() + " calls had no event before the drain timeout");
                }
                r.outcomes().forEach((outcome, n) -> {
                    if (!"terminal".equals(outcome)) {
                        flags.add(at + n + " calls ended " + outcome);
                    }
                });
                if (r.rateLimited() > 0) {
                    flags.add(at + r.rateLimited() + " requests answered 429");
                }
                if (r.insideRetryAfter() > 0) {
                    flags.add(at + r.insideRetryAfter() + " requests sent while a Retry-After was in force");
                }
                if (r.simPeakPerMinute() > Profile.TRACKER_SHARE_PER_MINUTE) {
                    flags.add(at + String.format("%.0f req/min over the %d share (busiest %s real minutes)",
                            r.simPeakPerMinute(), Profile.TRACKER_SHARE_PER_MINUTE, num(p.k())));
                }
                if (r.extraEvents() > 0) {
                    flags.add(at + r.extraEvents() + " extra events (same call published more than once)");
                }
            }
        }
        return flags;
    }

    private static Optional<Figures.Run> run(RoundResult round, String strategy) {
        return round.runs().stream().filter(r -> r.strategy().equals(strategy)).findFirst();
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format("%.2f", v);
    }

    private static String minutes(Duration d) {
        return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
