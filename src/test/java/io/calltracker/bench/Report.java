package io.calltracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.calltracker.testing.TrackerProcess;

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

    /** Ours: the bulk sweep, and the per-call strategy it falls back to; each compared with both baselines. */
    static final List<String> OURS = List.of("bulk", "adaptive");
    static final List<String> BASELINES = List.of("fixed", "exponential");

    /** One round: a latency setting L and each strategy's figures. */
    record RoundResult(double knobS, List<Figures.Run> runs, Map<String, Long> requestsByEndpoint) {

        Optional<Figures.Run> run(String strategy) {
            return runs.stream().filter(r -> r.strategy().equals(strategy)).findFirst();
        }
    }

    private final Profile p;
    private final Map<String, String> machine;
    private final List<String> warnings;
    private final List<RoundResult> rounds;
    private final Figures.Engine engine;
    private final Figures.Peer peer;
    private final Duration took;
    private final Map<String, Double> perCallFloors;
    private List<ModelRounds.Result> models = List.of();
    /** The fleet part's figures; null when it did not run. */
    private FleetFigures fleet;

    /** @param perCallFloors per latency bound ("60s"), {@link Workload#perCallFloor} of this run's plan */
    Report(Profile p, Map<String, String> machine, List<String> warnings, List<RoundResult> rounds,
           Figures.Engine engine, Figures.Peer peer, Duration took, Map<String, Double> perCallFloors) {
        this.perCallFloors = perCallFloors;
        this.p = p;
        this.machine = machine;
        this.warnings = warnings;
        this.rounds = rounds;
        this.engine = engine;
        this.peer = peer;
        this.took = took;
    }

    /** The bulk strategy against each simulator v1 model ({@code models=…}), printed after the rounds. */
    Report models(List<ModelRounds.Result> results) {
        this.models = List.copyOf(results);
        return this;
    }

    /** Adds the fleet part's figures (null: it did not run). */
    Report fleet(FleetFigures figures) {
        this.fleet = figures;
        return this;
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
        out.println(p.fetchLegs() ? "legs on (tracker.fetch-legs=true): every strategy pays +1 request per answered call"
                : "legs off: the legs endpoint is optional, Beta, with its own 100/min platform budget; with legs on every"
                + " strategy pays +1 request per answered call");
        warnings.forEach(w -> out.println("WARNING: " + w));
        if (!p.trackerProperties().isEmpty()) {
            out.printf("extra tracker properties: %s%n", p.trackerProperties());
        }
        for (RoundResult round : rounds) {
            out.printf("%nlatency knob L = %ss (%s)%n", num(round.knobS()), LatencyKnob.MEANING);
            out.printf("%-12s %5s %5s %8s %7s %7s %8s %6s %6s %6s %6s %7s %7s %7s %6s %8s %7s %11s %7s  %s%n", "strategy",
                    "calls", "done", "req/call", "v1/call", "v3/call", "polls/cl", "p50 s", "p95 s", "p99 s", "max s", "in p95",
                    "pub p50", "pub p95", "429s", "peak/min", "simpeak", "calls/h@150", "cpu/1k", "outcomes");
            for (Figures.Run r : round.runs()) {
                out.printf("%-12s %5d %5d %8.2f %7s %7s %8.2f %6.0f %6.0f %6.0f %6.0f %7.1f %7.1f %7.1f %6d %8.0f %7.0f %,11.0f %7.1f  %s%n",
                        r.strategy(), r.calls(), r.completed(), r.requestsPerCall(), fixed2(r.v1PerCall()),
                        fixed2(r.v3PerCall()), r.meanPollCount(), r.latencyP50S(),
                        r.latencyP95S(), r.latencyP99S(), r.latencyMaxS(), r.intakeLagP95S(), r.detectToEventP50S(),
                        r.detectToEventP95S(),
                        r.rateLimited(), r.peakPerMinute(), r.simPeakPerMinute(), r.capacityPerHour(),
                        r.cpuSecondsPer1kCalls(), r.outcomes());
            }
            out.printf("  requests by endpoint, all strategies of this setting: %s%n", round.requestsByEndpoint());
            round.runs().stream().filter(r -> !Double.isNaN(r.v1PerSweepInterval())).forEach(r -> printSweep(out, r));
            for (Map<String, Object> ratio : ratios(round)) {
                out.printf("  %-8s ÷ %-11s: req/call %s×, p95 %s×, p99 %s×, calls/h inside budget %s×%n", ratio.get("ours"),
                        ratio.get("baseline"),
                        num((double) ratio.get("requests_per_call")), num((double) ratio.get("p95")),
                        num((double) ratio.get("p99")), num((double) ratio.get("capacity_per_hour")));
            }
        }
        if (!rounds.isEmpty()) {
            out.printf("%ncurve: requests per completed call @ p95 detection latency (s)%n%-13s", "L");
            p.strategies().forEach(s -> out.printf(" %18s", s));
            out.println();
            for (RoundResult round : rounds) {
                out.printf("%-13s", num(round.knobS()) + "s");
                for (String s : p.strategies()) {
                    Optional<Figures.Run> r = round.run(s);
                    out.printf(" %18s", r.map(x -> String.format("%.2f @ %.0f", x.requestsPerCall(), x.latencyP95S())).orElse("-"));
                }
                out.println();
            }
            for (Dominance d : dominance()) {
                out.printf("  %-8s vs %-11s: %s%n", d.ours(), d.baseline(), d.dominates() ? "dominates"
                        : "does not dominate " + d.notDominated().stream().map(r -> String.format("%.2f @ %.0f (L=%ss)",
                        r.requestsPerCall(), r.latencyP95S(), num(r.knobS()))).toList());
            }
            out.println("columns: req/call = simulator requests (all endpoints, all statuses) ÷ calls with an event; v1/call ="
                    + " v1_bulk requests ÷ calls with an event (the simulator splits by endpoint only over all accounts;"
                    + " only the strategy with the sweep calls v1, so the round's v1_bulk count is its own; '-' without"
                    + " the sweep); v3/call = the account's other requests (call details, legs) ÷ calls with an event;"
                    + " polls/cl = mean"
                    + " tracking.poll_count; p50…max = event consumed − simulator terminal_at; in p95 = SID produced → row in"
                    + " tracked_call; pub p50/p95 = event consumed −"
                    + " tracking.terminal_detected_at; peak/min = busiest real minute (sampled; may exceed the share under"
                    + " compression, because the tracker's token bucket refills per wall-clock minute = k real minutes,"
                    + " which no setting compresses); simpeak = simulator's sliding-60 s peak ÷ k (average over the busiest"
                    + " k real minutes, the window the budget is really enforced on in a compressed run); calls/h@150 = 150 × 60 ÷ req/call; cpu/1k = tracker CPU s"
                    + " per 1,000 calls during the compressed run (idle ticks included, so ~k× the idle cost of real time)."
                    + " Per-call detail: target/bench/bench-s<setting>-<strategy>-calls.csv."
                    + " Dominance: a baseline point (req/call, p95) is dominated when some point of ours, at any L,"
                    + " has req/call ≤ and p95 ≤.");
        }
        if (engine != null) {
            Figures.Engine e = engine;
            out.printf("%nengine (simulator unlimited, per-call polling (tracker.bulk.enabled=false), exotel.rate-share-per-minute=%s,"
                            + " no compression, wall-clock rates)%s%n",
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
            out.printf("  tracker RSS   max %.0f MiB, last %.0f MiB with %,d in flight (same tracker, JVM options %s), polling %,.0f/s"
                            + " meanwhile (the filler rows answer 404)%n",
                    e.rssMaxMb(), e.rssLastMb(), e.rssRowsInFlight(), TrackerProcess.jvmOptions(), e.pollsPerSecondAtRssRows());
            out.printf("  load average  before the engine part %s, after %s (1, 5, 15 min; 2 cores)%n", e.loadBefore(), e.loadAfter());
        }
        if (engine != null && peer != null) {
            printPeer(out, engine, peer);
        }
        if (!models.isEmpty()) {
            printModels(out);
        }
        CallbackReport.print(out, p, rounds);
        if (fleet != null) {
            fleet.print(out);
        }
        List<String> flags = redFlags();
        out.printf("%nred flags: %s%n", flags.isEmpty() ? "none" : "");
        flags.forEach(f -> out.println("  - " + f));
        out.printf("%ntargets (issue 12's), from this run; req/call targets at the strategy's cheapest L within the p95 bound,"
                + " bulk's from its steady state where the run had one%n");
        for (Targets.Target t : targets()) {
            out.printf("  %-40s %-9s %10s  %-12s %s%n", t.name(), t.goal(), Double.isNaN(t.value()) ? "-"
                    : String.format(Math.abs(t.value()) >= 100 || t.value() == 0 ? "%,.0f" : "%.2f", t.value()),
                    t.status(), t.where());
        }
        if (!perCallFloors.isEmpty()) {
            out.printf("per-call floor for this workload: even knowing when each call ends, a per-call poller that detects"
                    + " every call within L needs ≥ %s req/call (one poll at the end, one per L of post-processing)%n",
                    perCallFloors.entrySet().stream().map(e -> String.format("%.2f at L = %s", e.getValue(), e.getKey()))
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profile", p.name());
        json.put("units", "real (uncompressed) unless a field says wall");
        json.put("k", p.k());
        json.put("took_wall_s", took.toSeconds());
        json.put("machine", machine);
        json.put("warnings", warnings);
        json.put("fetch_legs", p.fetchLegs());
        json.put("latency_knob", LatencyKnob.MEANING);
        json.put("settings", p);
        json.put("workload", Workload.describe());
        json.put("budget", Map.of("account_limit_per_minute", Profile.ACCOUNT_LIMIT_PER_MINUTE,
                "tracker_share_per_minute", Profile.TRACKER_SHARE_PER_MINUTE));
        List<Map<String, Object>> roundsJson = new ArrayList<>();
        for (RoundResult round : rounds) {
            roundsJson.add(Map.of("knob_s", round.knobS(), "runs", round.runs(), "ratios", ratios(round),
                    "requests_by_endpoint", round.requestsByEndpoint()));
        }
        json.put("rounds", roundsJson);
        json.put("dominance", dominance().stream().map(d -> Map.of("ours", d.ours(), "baseline", d.baseline(),
                "dominates", d.dominates(), "not_dominated", d.notDominated().stream().map(r -> Map.of("knob_s", r.knobS(),
                        "requests_per_call", r.requestsPerCall(), "p95_s", r.latencyP95S())).toList())).toList());
        json.put("targets", targets());
        json.put("per_call_floor", perCallFloors);
        json.put("engine", engine);
        json.put("db_scheduler", peer);
        json.put("models", models);
        json.put("fleet", fleet);
        json.put("red_flags", redFlags());
        new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    /** Each of ours ÷ each baseline at this setting. */
    private List<Map<String, Object>> ratios(RoundResult round) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (String ours : OURS) {
            for (String baseline : BASELINES) {
                round.run(ours).ifPresent(o -> round.run(baseline).ifPresent(base -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("ours", ours);
                    r.put("baseline", baseline);
                    r.put("requests_per_call", o.requestsPerCall() / base.requestsPerCall());
                    r.put("p95", o.latencyP95S() / base.latencyP95S());
                    r.put("p99", o.latencyP99S() / base.latencyP99S());
                    r.put("capacity_per_hour", o.capacityPerHour() / base.capacityPerHour());
                    ratios.add(r);
                }));
            }
        }
        return ratios;
    }

    /** Each of ours against each baseline over the whole curve, for the strategies that ran. */
    private List<Dominance> dominance() {
        List<Dominance> all = new ArrayList<>();
        for (String ours : OURS) {
            for (String baseline : BASELINES) {
                if (p.strategies().contains(ours) && p.strategies().contains(baseline)) {
                    all.add(Dominance.of(ours, baseline, rounds));
                }
            }
        }
        return all;
    }

    /**
     * Where the sweep's requests go. Per interval it sends about ⌈in flight ÷ 100⌉ (no extra sweeps); per call
     * that is divided by the calls arriving in an interval while calls keep arriving, but a finite run ends
     * with a drain — its longest calls (talk up to 1 h) keep a request per interval going for a handful of
     * calls after the last arrival — so v1/call above is larger than a tracker running all day pays.
     */
    private void printSweep(PrintStream out, Figures.Run r) {
        out.printf("  %s sweep, whole run: %.2f v1 requests per sweep interval beside %.0f calls in flight on average"
                        + " (⌈÷100⌉ = %.0f, ÷100 = %.2f); %.2f v1/call, including the drain after the last arrival%n",
                r.strategy(), r.v1PerSweepInterval(), r.meanInFlight(), Math.ceil(r.meanInFlight() / 100),
                r.meanInFlight() / 100, r.v1PerCall());
        Figures.Steady st = r.steady();
        if (st == null) {
            out.printf("  %s steady state: not measured — the arrivals (%d calls at %,.0f/h) end before steady-after=%s"
                    + " leaves a window; give more calls%n", r.strategy(), p.callsPerStrategy(), p.callsPerHour(),
                    Profile.human(p.steadyAfter()));
            return;
        }
        out.printf("  %s steady state (real %.0f–%.0f min after the first arrival, %d calls ended): %.2f req/call"
                        + " (v1 %.2f, other %.2f); v1 %.2f per sweep interval beside %.1f calls in flight (⌈÷100⌉ = %.0f)%n",
                r.strategy(), st.fromS() / 60, (st.fromS() + st.lengthS()) / 60, st.ended(), st.requestsPerCall(),
                st.v1PerCall(), st.requestsPerCall() - st.v1PerCall(), st.v1PerInterval(), st.meanInFlight(),
                Math.ceil(st.meanInFlight() / 100));
    }

    /** The engine and db-scheduler side by side: on a shared 2-core box a ratio from one run says more than either figure. */
    private static void printPeer(PrintStream out, Figures.Engine e, Figures.Peer d) {
        out.printf("%nengine vs db-scheduler 16.7.1 (same run, PostgreSQL, broker and simulator; db-scheduler: one task"
                        + " instance per call, lock-and-fetch, %d threads like the tracker's pollers; load average before %s,"
                        + " after %s)%n", d.threads(), d.loadBefore(), d.loadAfter());
        out.printf("  %-22s %12s %14s %8s%n", "", "tracker", "db-scheduler", "ratio");
        row(out, "intake SIDs/s", e.intakePerSecond(), d.intakePerSecond());
        row(out, "polls/s", e.pollsPerSecond(), d.pollsPerSecond());
        row(out, "CPU s per 1k polls", e.pollCpuSecondsPer1k(), d.pollCpuSecondsPer1k());
        row(out, "RSS max MiB (polling)", e.rssMaxMb(), d.rssMaxMb());
    }

    private static void row(PrintStream out, String name, double ours, double theirs) {
        out.printf("  %-22s %12s %14s %8s%n", name, figure(ours), figure(theirs),
                Double.isNaN(ours / theirs) ? "-" : String.format("%.2f×", ours / theirs));
    }

    private void printModels(PrintStream out) {
        out.printf("%nbulk against the simulator's v1 models (L = %s, same calls each; safety net %s)%n",
                Profile.human(p.settings().get(0)), Profile.human(ModelRounds.SAFETY_NET));
        out.printf("%-22s %5s %5s %8s %7s %7s %6s %6s %6s %5s %8s  %s%n", "model", "calls", "lost", "req/call", "v1/call",
                "v3/call", "p50 s", "p95 s", "p99 s", "429s", "switches", "contradictions");
        for (ModelRounds.Result m : models) {
            Figures.Run r = m.run();
            out.printf("%-22s %5d %5d %8.2f %7s %7s %6.0f %6.0f %6.0f %5d %8d  %s%n", m.model(), r.calls(), m.lost(),
                    r.requestsPerCall(), fixed2(r.v1PerCall()), fixed2(r.v3PerCall()), r.latencyP50S(), r.latencyP95S(),
                    r.latencyP99S(), r.rateLimited(), m.switches(), r.modelContradictions());
        }
        out.println("  lost = calls without an event or with an outcome other than terminal; switches = times the tracker"
                + " moved the account to per-call polling because the model's checks failed (docs/operations.md)");
    }

    private static String figure(double value) {
        return Double.isNaN(value) ? "-" : String.format(value >= 100 ? "%,.0f" : "%.2f", value);
    }

    private List<Targets.Target> targets() {
        List<Targets.Target> all = new ArrayList<>(Targets.of(rounds, engine, peer, perCallFloors));
        all.addAll(Targets.ofModels(models));
        all.addAll(Targets.fleet(fleet));
        return all;
    }

    private List<String> redFlags() {
        List<String> flags = new ArrayList<>();
        if (engine != null) {
            flags.addAll(engine.errors());
        }
        if (peer != null) {
            flags.addAll(peer.errors());
        }
        for (RoundResult round : rounds) {
            for (Figures.Run r : round.runs()) {
                String at = r.strategy() + " @ L=" + num(round.knobS()) + "s: ";
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

    /** Two decimals, "-" for NaN (a figure that does not apply or is unknown). */
    private static String fixed2(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format("%.2f", v);
    }

    private static String minutes(Duration d) {
        return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
