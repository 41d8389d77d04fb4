package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.base.IntervalSetting;
import io.calltracker.bench.EventCollector.Event;
import io.calltracker.bench.Workload.PlannedCall;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.TestSids;
import io.calltracker.testing.TrackerProcess;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One strategy at one latency setting: its own tracker process, fresh database, topics and simulator
 * account (so strategies can run side by side, each with the full per-account budget), fed the round's calls.
 */
final class StrategyRun {

    private static final int WARM_UP_CALLS = 50;

    private final Stack stack;
    private final Profile profile;
    private final String strategy;
    private final Duration knob;
    private final String name;
    private final String account;
    private final Map<String, PlannedCall> planned = new ConcurrentHashMap<>();
    private final Map<String, Instant> terminalAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> producedAt = new ConcurrentHashMap<>();
    private String intakeTopic;
    private EventCollector events;
    private TrackerProcess tracker;
    private double cpuAtStart;
    private long measuringSinceMs;
    private long lastTotal = -1;
    private long lastSampleMs;
    private double peakPerMinute;
    /** Runs the bulk sweep, the only part of the tracker that calls v1: as started, command-line overrides included. */
    private boolean sweeps;
    private String jdbcUrl;
    private boolean stopped;
    /** The moment of the strategy's status callbacks (CallbackPlan), empty without; and where they go. */
    private final Optional<String> callbackMoment;
    private String callbackUrl;
    private Double cpuAtEnd;
    private long endMs;
    private long arrivalsEndMs;
    /** Every stats sample of the measured part: wall ms, the account's requests, v1_bulk requests of all accounts. */
    private final List<long[]> samples = new CopyOnWriteArrayList<>();

    StrategyRun(Stack stack, String strategy, Duration knob, int setting) {
        this.stack = stack;
        this.profile = stack.profile();
        this.strategy = strategy;
        this.knob = knob;
        this.name = "bench-s" + setting + "-" + strategy;
        this.account = "bench-" + strategy;
        this.callbackMoment = CallbackPlan.moment(strategy);
    }

    /** A tracker's schedule, real defaults (application.properties) with what the latency knob sets, all ÷ k. */
    static Map<String, String> compressedIntervals(Profile profile, String strategy, Duration knob) {
        Map<String, Duration> real = new HashMap<>(Map.of(
                "tracker.poll-initial-delay", Duration.ofSeconds(15),
                "tracker.not-found-grace", Duration.ofMinutes(3),
                "tracker.max-tracking-age", Duration.ofHours(5),
                "tracker.claim-interval", Duration.ofMillis(500),
                "tracker.claim-lease", Duration.ofMinutes(2),
                "tracker.outbox.interval", Duration.ofMillis(250),
                "tracker.bulk.safety-net-interval", Duration.ofMinutes(20),
                "tracker.bulk.recheck-interval", Duration.ofMinutes(10),
                "tracker.bulk.contradiction-window", Duration.ofMinutes(10)));
        real.putAll(LatencyKnob.intervals(strategy, knob));
        if (CallbackPlan.moment(strategy).isPresent()) {
            real.put("tracker.bulk.processing-sweep-interval", profile.callbacks().processingSweep());
        }
        Map<String, String> compressed = new TreeMap<>();
        // Never below the tracker's floor for a period (IntervalSetting), whatever k.
        real.forEach((key, value) -> compressed.put(key,
                Math.max(IntervalSetting.FLOOR.toMillis(), profile.compressed(value).toMillis()) + "ms"));
        return compressed;
    }

    void start() throws Exception {
        Map<String, String> topics = stack.createTopics(name);
        intakeTopic = topics.get("tracker.topic.calls-created");
        events = new EventCollector(stack.kafka(), topics.get("tracker.topic.calls-completed"));
        Map<String, String> props = stack.trackerProperties(name, account, name.replace('-', '_'), topics);
        props.putAll(compressedIntervals(profile, strategy, knob));
        props.putAll(LatencyKnob.switches(strategy));
        props.put("tracker.fetch-legs", Boolean.toString(profile.fetchLegs()));
        // Not ÷ k: Exotel's end times are whole seconds of the simulator's wall clock, whatever the compression.
        props.put("tracker.bulk.model-tolerance", "1s");
        props.put("exotel.rate-share-per-minute", Integer.toString(profile.compressedRate(Profile.TRACKER_SHARE_PER_MINUTE)));
        props.putAll(profile.trackerProperties());
        sweeps = Boolean.parseBoolean(props.get("tracker.bulk.enabled"));
        int port = Ports.next();
        callbackUrl = "http://127.0.0.1:" + port + "/exotel/status-callback/" + CallbackPlan.TOKEN;
        tracker = TrackerProcess.start(name, port, Ports.next(), props, Stack.READY_WITHIN);
        stack.awaitIntakeAssigned(props);
        jdbcUrl = props.get("quarkus.datasource.jdbc.url");
    }

    /**
     * Calls that are terminal at once, through the whole pipeline, so that the measured calls meet a
     * JIT-warmed tracker; their requests and CPU are not counted.
     */
    void warmUp() throws Exception {
        List<String> sids = new ArrayList<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            String sid = TestSids.newCallSid();
            sids.add(sid);
            sent.add(stack.simulator().registerAsync(Map.of("sid", sid, "account_sid", account, "ring_ms", 0, "talk_ms", 0,
                            "post_processing_ms", 0))
                    .thenAccept(terminal -> stack.producer().send(new ProducerRecord<>(intakeTopic, sid, sid))));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        stack.producer().flush();
        events.awaitAll(sids, Duration.ofSeconds(120), name + ": warm-up calls");
    }

    /** From now on CPU and wall time count. */
    void startMeasuring() {
        // The simulator has one callback model; each call keeps the one in force when it was registered.
        callbackMoment.ifPresent(moment -> stack.simulator().callbacks(profile.callbacks().model(moment, profile.k())));
        cpuAtStart = Proc.cpuSeconds(tracker.pid());
        measuringSinceMs = System.currentTimeMillis();
    }

    /** The last call has arrived: the steady-state window ends here. */
    void arrivalsDone() {
        arrivalsEndMs = System.currentTimeMillis();
    }

    /** The call starts now at the simulator, and its SID goes to the intake topic. */
    CompletableFuture<Void> arrive(PlannedCall call) {
        String sid = TestSids.newCallSid();
        planned.put(sid, call);
        Map<String, Object> body = call.body(sid, account, profile.k());
        if (callbackMoment.isPresent()) {
            body.put("status_callback_url", callbackUrl);
        }
        return stack.simulator().registerAsync(body).thenAccept(terminal -> {
            terminalAt.put(sid, terminal);
            producedAt.put(sid, Instant.now());
            stack.producer().send(new ProducerRecord<>(intakeTopic, sid, sid));
        });
    }

    Instant lastTerminalAt() {
        return terminalAt.values().stream().max(Instant::compareTo).orElse(Instant.now());
    }

    /** The share of this run's calls that have their event. */
    double publishedShare() {
        allPublished();
        return terminalAt.keySet().stream().filter(events.bySid()::containsKey).count() / (double) terminalAt.size();
    }

    /** Whether every call has its event; the first time it is, CPU and wall time stop counting. */
    boolean allPublished() {
        if (cpuAtEnd == null && terminalAt.keySet().stream().allMatch(events.bySid()::containsKey)) {
            cpuAtEnd = Proc.cpuSeconds(tracker.pid());
            endMs = System.currentTimeMillis();
        }
        return cpuAtEnd != null;
    }

    /** Called every 60/k s of run time (one real minute) with the simulator's stats. */
    void sample(JsonNode stats, long nowMs) {
        long total = stats.path("requests_by_account").path(account).path("total").asLong();
        if (lastTotal >= 0 && nowMs > lastSampleMs) {
            double realMinutes = (nowMs - lastSampleMs) * profile.k() / 60_000.0;
            peakPerMinute = Math.max(peakPerMinute, (total - lastTotal) / realMinutes);
        }
        lastTotal = total;
        lastSampleMs = nowMs;
        if (measuringSinceMs > 0) {
            samples.add(new long[] {nowMs, total, stats.path("requests_by_endpoint").path("v1_bulk").asLong()});
        }
    }

    /**
     * {@link Figures.Steady}: the window runs from the first sample {@code steady-after} (real) after the first
     * arrival to the last sample before the last arrival; null when that leaves less than a tenth of the run's
     * arrivals inside it.
     *
     * @param v1Attributable whether the v1_bulk count is this run's own (it is the round's only sweeper)
     */
    private Figures.Steady steady(boolean v1Attributable) {
        double k = profile.k();
        long from = measuringSinceMs + Math.round(profile.steadyAfter().toMillis() / k);
        List<long[]> window = samples.stream().filter(x -> x[0] >= from && arrivalsEndMs > 0 && x[0] <= arrivalsEndMs).toList();
        if (window.size() < 2) {
            return null;
        }
        long[] first = window.get(0);
        long[] last = window.get(window.size() - 1);
        int ended = (int) terminalAt.values().stream()
                .filter(t -> t.toEpochMilli() >= first[0] && t.toEpochMilli() < last[0]).count();
        if (ended < terminalAt.size() / 10) {
            return null;
        }
        long requests = last[1] - first[1];
        double lengthS = (last[0] - first[0]) * k / 1000.0;
        double meanInFlight = window.stream().mapToLong(x -> inFlightAt(x[0])).average().orElse(Double.NaN);
        Long v1 = sweeps && v1Attributable ? last[2] - first[2] : null;
        return new Figures.Steady((first[0] - measuringSinceMs) * k / 1000.0, lengthS, ended, requests, v1,
                (double) requests / ended, v1 == null ? Double.NaN : (double) v1 / ended, meanInFlight,
                v1 == null ? Double.NaN : v1 / (lengthS / (knob.toMillis() / 1000.0)));
    }

    /** Calls produced to the intake topic and without their event at that wall moment. */
    private long inFlightAt(long wallMs) {
        return producedAt.entrySet().stream()
                .filter(e -> e.getValue().toEpochMilli() <= wallMs)
                .filter(e -> {
                    List<Event> received = events.bySid().get(e.getKey());
                    return received == null || received.get(0).consumedAtMs() > wallMs;
                })
                .count();
    }

    boolean sweeps() {
        return sweeps;
    }

    /**
     * @param v1Requests this account's v1_bulk requests; empty when they cannot be told apart (the simulator
     *                   splits requests by endpoint only for all accounts together)
     */
    Figures.Run figures(JsonNode stats, OptionalLong v1Requests) {
        double k = profile.k();
        allPublished();
        double cpu = (cpuAtEnd == null ? Proc.cpuSeconds(tracker.pid()) : cpuAtEnd) - cpuAtStart;
        long end = cpuAtEnd == null ? System.currentTimeMillis() : endMs;
        List<Event> first = new ArrayList<>();
        int extra = 0;
        for (String sid : terminalAt.keySet()) {
            List<Event> received = events.bySid().get(sid);
            if (received != null) {
                first.add(received.get(0));
                extra += received.size() - 1;
            }
        }
        Map<String, Long> outcomes = new TreeMap<>(first.stream().collect(Collectors.groupingBy(Event::outcome, Collectors.counting())));
        double[] latencies = first.stream().filter(e -> "terminal".equals(e.outcome()))
                .mapToDouble(e -> (e.consumedAtMs() - terminalAt.get(e.callSid()).toEpochMilli()) * k / 1000.0).toArray();
        double[] publishing = first.stream().filter(e -> e.detectedAt() != null)
                .mapToDouble(e -> (e.consumedAtMs() - e.detectedAt().toEpochMilli()) * k / 1000.0).toArray();
        Map<String, Double> intakeLag = intakeLagSeconds();
        double[] intake = intakeLag.values().stream().mapToDouble(Double::doubleValue).toArray();
        writeCalls(Path.of("target", "bench", name + "-calls.csv"), intakeLag);
        Tracked tracked = tracked();
        JsonNode acc = stats.path("requests_by_account").path(account);
        Map<String, Long> byStatus = new TreeMap<>();
        acc.path("by_status").fields().forEachRemaining(f -> byStatus.put(f.getKey(), f.getValue().asLong()));
        long requests = acc.path("total").asLong();
        int completed = first.size();
        double perCall = completed == 0 ? Double.NaN : (double) requests / completed;
        double v1PerCall = sweeps && v1Requests.isPresent() ? (double) v1Requests.getAsLong() / completed : Double.NaN;
        double v3PerCall = v1Requests.isPresent() ? (double) (requests - v1Requests.getAsLong()) / completed : Double.NaN;
        return new Figures.Run(strategy, account, knob.toMillis() / 1000.0, terminalAt.size(), completed,
                terminalAt.size() - completed, outcomes, extra, requests, byStatus, byStatus.getOrDefault("429", 0L),
                acc.path("requests_inside_retry_after").asLong(), perCall,
                v1Requests.isPresent() ? v1Requests.getAsLong() : null, v1PerCall, v3PerCall,
                first.stream().mapToInt(Event::pollCount).average().orElse(Double.NaN),
                Figures.percentile(latencies, 50), Figures.percentile(latencies, 95), Figures.percentile(latencies, 99),
                Figures.percentile(latencies, 100), Figures.percentile(intake, 50), Figures.percentile(intake, 95),
                Figures.percentile(publishing, 50), Figures.percentile(publishing, 95),
                peakPerMinute, acc.path("peak_per_minute").asLong() / k,
                Profile.TRACKER_SHARE_PER_MINUTE * 60.0 / perCall, profile.callsPerHour(),
                completed == 0 ? Double.NaN : cpu / completed * 1000,
                (end - measuringSinceMs) / 1000.0, tracked.callSeconds() / tracked.spanSeconds(),
                sweeps && v1Requests.isPresent()
                        ? v1Requests.getAsLong() / (tracked.spanSeconds() * k / (knob.toMillis() / 1000.0)) : Double.NaN,
                steady(v1Requests.isPresent()),
                sweeps ? ModelRounds.contradictions(tracker, account) : Map.of());
    }

    /** The run's calls in tracked_call: their summed time there and the span from the first seen to the last finished (wall). */
    private record Tracked(double callSeconds, double spanSeconds) {
    }

    private Tracked tracked() {
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(extract(epoch FROM coalesce(finished_at, now()) - first_seen_at)),"
                     + " extract(epoch FROM max(coalesce(finished_at, now())) - min(first_seen_at)) FROM tracked_call")) {
            rs.next();
            return new Tracked(rs.getDouble(1), rs.getDouble(2));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + jdbcUrl, e);
        }
    }

    /** Produced to Kafka → row in tracked_call (first_seen_at), real seconds; both clocks are this machine's. */
    private Map<String, Double> intakeLagSeconds() {
        Map<String, Double> lag = new HashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT call_sid, first_seen_at FROM tracked_call")) {
            while (rs.next()) {
                Instant produced = producedAt.get(rs.getString(1));
                if (produced != null) {
                    Instant seen = rs.getObject(2, OffsetDateTime.class).toInstant();
                    lag.put(rs.getString(1), Duration.between(produced, seen).toMillis() * profile.k() / 1000.0);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + jdbcUrl, e);
        }
        return lag;
    }

    /** One line per call, real units, for looking into a tail: what the call was and when what happened. */
    private void writeCalls(Path file, Map<String, Double> intakeLag) {
        double k = profile.k();
        StringBuilder csv = new StringBuilder("call_sid,status,ring_s,talk_s,post_processing_s,outcome,poll_count,"
                + "intake_lag_s,detected_after_terminal_s,consumed_after_terminal_s,events\n");
        terminalAt.forEach((sid, terminal) -> {
            PlannedCall c = planned.get(sid);
            List<Event> received = events.bySid().getOrDefault(sid, List.of());
            Event e = received.isEmpty() ? null : received.get(0);
            Double lag = intakeLag.get(sid);
            csv.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%s,%s,%s,%s,%s,%d%n", sid, c.status(), c.ringMs() / 1e3,
                    c.talkMs() / 1e3, c.postProcessingMs() / 1e3, e == null ? "" : e.outcome(), e == null ? "" : e.pollCount(),
                    lag == null ? "" : String.format(Locale.ROOT, "%.1f", lag),
                    e == null || e.detectedAt() == null ? "" : String.format(Locale.ROOT, "%.1f", (e.detectedAt().toEpochMilli() - terminal.toEpochMilli()) * k / 1e3),
                    e == null ? "" : String.format(Locale.ROOT, "%.1f", (e.consumedAtMs() - terminal.toEpochMilli()) * k / 1e3),
                    received.size()));
        });
        try {
            Files.writeString(file, csv);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    void stop() throws InterruptedException {
        if (!stopped) {
            stopped = true;
            Proc.stop(tracker);
            if (events != null) {
                events.close();
            }
        }
    }

    String strategy() {
        return strategy;
    }

    String name() {
        return name;
    }
}
