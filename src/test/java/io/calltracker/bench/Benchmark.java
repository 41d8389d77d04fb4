package io.calltracker.bench;

import io.calltracker.exotel.ExotelConfig;
import io.calltracker.testing.LocalKafka;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.TrackerProcess;
import io.calltracker.tracking.TrackerConfig;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static io.calltracker.bench.Round.say;

/**
 * {@code make bench} — how many Exotel requests a tracked call costs, how late its completion event is,
 * and what the engine sustains, for four strategies: the per-call baselines {@code fixed} and
 * {@code exponential}, per-call {@code adaptive}, and {@code bulk} (adaptive with the v1 bulk sweep); legs
 * are not fetched unless {@code tracker.fetch-legs=true}. One round per setting of the latency knob L
 * (how long a call may go unlooked-at; {@link LatencyKnob} says what it sets per strategy) gives each
 * strategy's curve; the report compares ours with the baselines and with the targets.
 * Runs the packaged daemon ({@code target/quarkus-app/quarkus-run.jar}) as child processes against a
 * simulator process, an in-JVM Kafka broker and the local PostgreSQL (127.0.0.1:5432, user postgres);
 * prints a table and writes {@code target/bench/results.json} (and {@code claim-plan.txt}).
 * Benchmarks print figures; they never assert timings.
 *
 * <pre>
 * make bench                      quick: 200 calls per strategy, k=30, L = 30s, engine at 100k rows in flight
 * make bench BENCH=full           300 calls per strategy, L = 10s, 30s, 60s and 2m, engine at 1M rows in flight (~20 min)
 * make bench BENCH="quick k=10 strategies=adaptive,bulk engine=false tracker.fetch-legs=true"
 * </pre>
 * Settings ({@code key=value}): {@code k} time compression, {@code calls} per strategy, {@code rate} calls/hour,
 * {@code settings=10s,30s,60s} (L), {@code strategies=fixed,exponential,adaptive,bulk} (also {@code cb-terminal},
 * {@code cb-end}: bulk with status callbacks at v3's terminal moment or at the call's end, issue 12 item 2; their
 * callbacks: {@code cb-share=1} of calls, {@code cb-lost=0.1}, {@code cb-duplicated=0.1} (copy after its own delay,
 * out of order), {@code cb-delay=2s} median and {@code cb-sigma=1} of a lognormal delay, {@code cb-processing-sweep=10s}
 * the tracker's tracker.bulk.processing-sweep-interval; e.g.
 * {@code make bench BENCH="quick strategies=bulk,cb-terminal,cb-end settings=20s engine=false"}), {@code parallel=true|false},
 * {@code turn-done=0.9} (1 = strategies strictly one after another),
 * {@code drain} (real wait after the last terminal moment), {@code seed}, {@code rounds=false} / {@code engine=false}
 * to skip a part, {@code intake}, {@code poll-seconds}, {@code rows}, {@code claim-samples}, {@code rss-seconds},
 * {@code models=listed-at-end,endtime-at-end,listed-when-terminal} (the bulk strategy against each simulator v1 model, {@link ModelRounds}).
 * The fleet part (issue 12, item 4; {@link FleetProbe}) runs with {@code fleet=true}: {@code fleet-accounts=1000},
 * {@code fleet-instances=3}, {@code fleet-normal=4} ordinary accounts with {@code fleet-calls=150} calls each per phase at
 * {@code fleet-rate=600} calls/h, {@code fleet-hot-rate=8000} calls/h on the saturating account against its own share of
 * {@code fleet-hot-share=50} requests/min, {@code fleet-idle-seconds=30};
 * e.g. {@code make bench BENCH="quick rounds=false engine=false fleet=true"} (5–6 min on a busy 2-core box).
 * Any key with a dot ({@code tracker.x=y}) is passed to every tracker as a system property, over what the bench sets.
 * Ports: the free ones of 18300–18399; tracker logs in {@code target/it-logs/bench-*.log}; databases {@code bench_*} (behind {@code BENCH_DB_PREFIX}) are left for inspection; {@code BENCH_FIRST_PORT} moves the port range.
 */
public final class Benchmark {

    /** Held so that the levels stick: the in-JVM broker logs thousands of INFO lines otherwise. */
    private static final List<Logger> QUIET = Stream.of("kafka", "org.apache.kafka", "state.change.logger", "io.smallrye")
            .map(Logger::getLogger).toList();

    private Benchmark() {
    }

    public static void main(String[] args) {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        int exit = 0;
        try {
            run(Profile.fromArgs(args));
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        }
        // Shutdown hooks (TrackerProcess, LocalKafka) kill every child process and stop the broker.
        System.exit(exit);
    }

    private static void run(Profile p) throws Exception {
        Instant started = Instant.now();
        Path out = Files.createDirectories(Path.of("target", "bench"));
        Map<String, String> machine = machine();
        say("profile %s: %s", p.name(), p);
        say("machine: %s", machine);
        warnings().forEach(w -> say("WARNING: %s", w));
        say("starting Kafka (in this JVM) …");
        String kafka = LocalKafka.bootstrapServers();
        TrackerProcess simulator = TrackerProcess.simulator("bench-simulator", Ports.next(), simulatorProperties(), Stack.READY_WITHIN);
        try (Stack stack = Stack.start(p, kafka, simulator.baseUrl())) {
            List<Report.RoundResult> rounds = new ArrayList<>();
            Map<String, Double> floors = new LinkedHashMap<>();
            if (p.rounds()) {
                List<Workload.PlannedCall> plan = Workload.plan(p.callsPerStrategy(), p.callsPerHour(), p.seed());
                Stream.concat(p.settings().stream(), Stream.of(Duration.ofSeconds(60))).distinct().sorted()
                        .forEach(l -> floors.put(Profile.human(l), Workload.perCallFloor(plan, l)));
                say("workload: %d calls, longest lives %s real", plan.size(), Profile.human(Workload.longestLifetime(plan)));
                int setting = 0;
                for (Duration knob : p.settings()) {
                    setting++;
                    rounds.add(Round.run(stack, setting, knob, plan));
                }
            }
            List<ModelRounds.Result> models = p.models().isEmpty() ? List.of()
                    : ModelRounds.run(stack, Workload.plan(p.callsPerStrategy(), p.callsPerHour(), p.seed()));
            EngineProbe engineProbe = new EngineProbe(stack, out);
            Figures.Engine engine = p.engine() ? engineProbe.run() : null;
            Figures.Peer peer = p.engine() ? new PeerProbe(stack, out).run(p.pollConcurrency(), engineProbe.sids()) : null;
            FleetFigures fleet = p.fleet().run() ? new FleetProbe(stack, out).run() : null;
            machine.put("load_average_at_end", loadAverage());
            Report report = new Report(p, machine, warnings(), rounds, engine, peer, Duration.between(started, Instant.now()),
                    floors).models(models).fleet(fleet);
            report.print(System.out);
            report.write(out.resolve("results.json"));
            say("wrote %s", out.resolve("results.json"));
        } finally {
            Proc.stop(simulator);
        }
    }

    /** The simulator's own jar: unlimited until a round sets the rate limit, accepting the trackers' credentials. */
    private static Map<String, String> simulatorProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("simulator.api-key", Stack.API_KEY);
        props.put("simulator.api-token", Stack.API_TOKEN);
        props.put("simulator.rate-limit-per-minute", "0");
        return props;
    }

    /**
     * Strategy and rate share are passed as system properties whether or not this build knows them (an
     * unknown one is ignored), so say when the tracker's configuration seems to have no such setting.
     */
    static List<String> warnings() {
        Set<String> names = new HashSet<>();
        collectSettingNames(TrackerConfig.class, names);
        List<String> warnings = new ArrayList<>();
        if (names.stream().noneMatch(n -> n.contains("strategy"))) {
            warnings.add("TrackerConfig has no poll-strategy setting: this build ignores tracker.poll-strategy,"
                    + " so every 'strategy' below runs the same schedule");
        }
        Set<String> exotelNames = new HashSet<>();
        collectSettingNames(ExotelConfig.class, exotelNames);
        if (exotelNames.stream().noneMatch(n -> n.contains("share"))) {
            warnings.add("ExotelConfig has no rate-share setting: this build ignores exotel.rate-share-per-minute"
                    + " and does not pace itself inside the budget");
        }
        return warnings;
    }

    private static void collectSettingNames(Class<?> type, Set<String> names) {
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class && names.add(m.getName().toLowerCase())
                    && m.getReturnType().isInterface() && m.getReturnType().getName().startsWith("io.calltracker")) {
                collectSettingNames(m.getReturnType(), names);
            }
        }
    }

    /** 1, 5 and 15 minute load averages: other work on the machine shows here. */
    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (Exception e) {
            return "?";
        }
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            lines.filter(l -> l.startsWith("model name")).findFirst().ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 2)));
        } catch (Exception e) {
            // not Linux
        }
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .ifPresent(l -> m.put("memory", Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB"));
        } catch (Exception e) {
            // not Linux
        }
        m.put("java", System.getProperty("java.version"));
        m.put("load_average_at_start", loadAverage());
        try (Connection c = DriverManager.getConnection(LocalPostgres.url("postgres"), LocalPostgres.USER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            m.put("postgresql", rs.getString(1));
        } catch (Exception e) {
            m.put("postgresql", "?");
        }
        return m;
    }
}
