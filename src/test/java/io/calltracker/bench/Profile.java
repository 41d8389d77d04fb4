package io.calltracker.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one bench run does. Durations and rates here are real (uncompressed); {@code k} says how much
 * faster than real time the run plays them.
 *
 * @param k                 time compression: call durations and tracker intervals ÷ k, rate limit and share × k
 * @param callsPerStrategy  calls each strategy tracks in each round
 * @param callsPerHour      steady arrival rate (real)
 * @param settings          the latency knob L, one round per value (the curve); {@link LatencyKnob} says what it sets per strategy
 * @param parallel          all strategies of a setting get each call at the same moment (on 2 cores the trackers then
 *                          starve each other); by default they take turns
 * @param turnDone          a turn ends, and the next strategy's calls start arriving, once this share of the turn's
 *                          calls has its event (1 = strictly one after another; below 1 the long tails overlap)
 * @param drain             how long (real) to wait after the last call turned terminal before giving up on it
 * @param steadyAfter       real time after the first arrival from which calls in flight no longer grow: the start of
 *                          the steady-state window ({@link Figures.Steady}), which ends at the last arrival
 * @param intakeSids        engine: SIDs produced at once to measure intake
 * @param pollSeconds       engine: measuring window for polls/s (wall seconds)
 * @param inFlightRows      engine: rows in flight for the claim query and the RSS figure
 * @param claimSamples      engine: timed executions of the claim statement
 * @param rssSeconds        engine: how long the tracker runs over {@code inFlightRows} while RSS is sampled
 * @param trackerProperties extra system properties for every tracker ({@code tracker.x=y} arguments)
 * @param models            simulator v1 models the bulk strategy runs against, one run each at the first setting
 *                          ({@link ModelRounds}); none by default
 * @param callbacks         the status callbacks of the cb-terminal and cb-end strategies ({@code cb-*} keys)
 * @param fleet             the fleet part: many accounts on several instances ({@link FleetSettings})
 */
record Profile(String name, double k, int callsPerStrategy, double callsPerHour, List<Duration> settings,
               List<String> strategies, boolean parallel, double turnDone, Duration drain, Duration steadyAfter, long seed,
               boolean rounds, boolean engine, int intakeSids, int pollSeconds, int inFlightRows, int claimSamples,
               int rssSeconds, Map<String, String> trackerProperties, List<String> models, CallbackPlan callbacks,
               FleetSettings fleet) {

    /** The account's budget at Exotel ("200 calls per minute") and the tracker's share of it. */
    static final int ACCOUNT_LIMIT_PER_MINUTE = 200;
    static final int TRACKER_SHARE_PER_MINUTE = 150;
    static final List<String> STRATEGIES = List.of("fixed", "exponential", "adaptive", "bulk");
    /** Bulk with status callbacks at the terminal moment or at the call's end ({@link CallbackPlan}); not run unless named. */
    static final List<String> CALLBACK_STRATEGIES = List.of("cb-terminal", "cb-end");

    /** Settings by the names {@code make bench} takes ({@code key=value}); each profile names every one. */
    private static final Map<String, String> QUICK = with(with(CallbackPlan.DEFAULTS, FleetSettings.DEFAULTS), Map.ofEntries(
            Map.entry("k", "30"), Map.entry("calls", "200"), Map.entry("rate", "1200"), Map.entry("settings", "30s"),
            Map.entry("strategies", String.join(",", STRATEGIES)), Map.entry("parallel", "false"),
            Map.entry("turn-done", "0.9"), Map.entry("drain", "45m"), Map.entry("steady-after", "20m"), Map.entry("seed", "42"), Map.entry("rounds", "true"),
            Map.entry("engine", "true"), Map.entry("intake", "30000"), Map.entry("poll-seconds", "10"),
            Map.entry("rows", "100000"), Map.entry("claim-samples", "500"), Map.entry("rss-seconds", "10"),
            Map.entry("models", "")));

    /**
     * Sized for about 20 minutes (the recorded run in docs/performance.md took 18) on a 2-core machine: a quick round
     * (200 calls, four strategies) took 3.2 min there, i.e. ~1 min of tracker start-up and ~35 s per turn,
     * so 300 calls make ~5 min per setting, 20 min for four; the 1M-row engine part takes ~5 min, the
     * build ~1.5 min. No call is cut: turns overlap only in their tails and every call is waited for.
     */
    private static final Map<String, String> FULL = with(QUICK, Map.of("calls", "300", "settings", "10s,30s,60s,2m",
            "drain", "60m", "intake", "50000", "poll-seconds", "30", "rows", "1000000", "claim-samples", "2000",
            "rss-seconds", "30"));

    /**
     * The tracker's poller threads (tracker.poll-concurrency, the profile's value or TrackerConfig's default
     * of 8): db-scheduler gets as many.
     */
    int pollConcurrency() {
        return Integer.parseInt(trackerProperties.getOrDefault("tracker.poll-concurrency", "8"));
    }

    static Profile quick() {
        return of("quick", QUICK, Map.of());
    }

    static Profile full() {
        return of("full", FULL, Map.of());
    }

    /** {@code [quick|full] [key=value …]}; keys are listed in {@link Benchmark}. */
    static Profile fromArgs(String[] args) {
        String name = args.length > 0 && !args[0].contains("=") ? args[0] : "quick";
        Map<String, String> base = switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("profile must be quick or full, got " + name);
        };
        Map<String, String> set = new HashMap<>();
        Map<String, String> trackerProps = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = arg.substring(0, eq);
            if (key.contains(".")) {
                trackerProps.put(key, arg.substring(eq + 1));
            } else if (base.containsKey(key)) {
                set.put(key, arg.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("unknown setting " + key + "; known: " + new TreeSet<>(base.keySet()));
            }
        }
        return of(name, with(base, set), trackerProps);
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(changes);
        return Map.copyOf(merged);
    }

    /** The one place a profile's fields are read from their named settings. */
    private static Profile of(String name, Map<String, String> v, Map<String, String> trackerProps) {
        return new Profile(name, Double.parseDouble(v.get("k")), Integer.parseInt(v.get("calls")),
                Double.parseDouble(v.get("rate")), Arrays.stream(v.get("settings").split(",")).map(Profile::duration).toList(),
                strategies(v.get("strategies")), Boolean.parseBoolean(v.get("parallel")),
                Double.parseDouble(v.get("turn-done")), duration(v.get("drain")), duration(v.get("steady-after")),
                Long.parseLong(v.get("seed")),
                Boolean.parseBoolean(v.get("rounds")), Boolean.parseBoolean(v.get("engine")), Integer.parseInt(v.get("intake")),
                Integer.parseInt(v.get("poll-seconds")), Integer.parseInt(v.get("rows")), Integer.parseInt(v.get("claim-samples")),
                Integer.parseInt(v.get("rss-seconds")), Map.copyOf(trackerProps),
                Arrays.stream(v.get("models").split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList(),
                CallbackPlan.of(v), FleetSettings.of(v));
    }

    /** Checked here, so that a misspelt strategy fails before anything starts. */
    private static List<String> strategies(String list) {
        List<String> strategies = List.of(list.split(","));
        strategies.forEach(LatencyKnob::switches);
        return strategies;
    }

    /**
     * Legs are off unless {@code tracker.fetch-legs=true} is given: the legs endpoint is optional (Beta,
     * with its own budget) and costs every strategy the same one request per answered call.
     */
    boolean fetchLegs() {
        return Boolean.parseBoolean(trackerProperties.getOrDefault("tracker.fetch-legs", "false"));
    }


    /** A real duration as run time: ÷ k, never below 1 ms. */
    Duration compressed(Duration real) {
        return Duration.ofMillis(Math.max(1, Math.round(real.toMillis() / k)));
    }

    /** A real per-minute rate as run time: × k. */
    int compressedRate(int perMinute) {
        return (int) Math.round(perMinute * k);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("duration like 500ms, 30s, 2m or 1h expected, got " + text);
        };
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms < 3_600_000) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms < 60_000) {
            return ms / 1000 + "s";
        }
        return ms < 1000 ? ms + "ms" : ms < 60_000 ? String.format("%.1fs", ms / 1e3)
                : ms < 3_600_000 ? String.format("%.1fm", ms / 6e4) : String.format("%.1fh", ms / 3.6e6);
    }
}
