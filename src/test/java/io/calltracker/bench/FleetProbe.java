package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.bench.EventCollector.Event;
import io.calltracker.bench.Workload.PlannedCall;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.TestSids;
import io.calltracker.testing.TrackerProcess;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.calltracker.bench.Round.say;

/**
 * Issue 12, item 4: a thousand accounts on three instances. Writes {@code fleet-accounts} accounts into
 * {@code target/bench/fleet/config/application.properties} and starts {@code fleet-instances} trackers with that
 * directory as their working directory — the file a pod mounts at {@code /deployments/config/} — sharing one
 * database, one set of topics and one intake consumer group, against the simulator with its per-account limit
 * (200/min each, × k). Then:
 * <ol>
 * <li>idle: each instance's claim statements from its own counter {@code tracker_claim_statements_total} (every
 * statement PollSchedule sends for claim rounds, sweeps and expiry), beside the shared database's transactions from
 * {@code pg_stat_database} (every statement of every instance) and each instance's CPU;</li>
 * <li>solo: {@code fleet-normal} ordinary accounts get {@code fleet-calls} calls each at {@code fleet-rate} calls/h;</li>
 * <li>beside: the same calls again while one more account gets {@code fleet-hot-rate} calls/h, far more than its
 * share ({@code fleet-hot-share}) covers; each ordinary account's p95 is set beside its solo p95 of this run;</li>
 * <li>solo again: the first phase repeated, so the bench can tell the box's drift from the saturating account's effect.</li>
 * </ol>
 * While calls arrive, every loaded account's requests at the simulator are sampled each real minute (60/k s of run
 * time): the peak per minute all instances together sent, beside the share and the simulator's 429s. Each instance
 * runs the bulk strategy at the profile's first latency setting, intervals ÷ k as in the rounds.
 */
final class FleetProbe {

    private static final String ACCOUNT_PREFIX = "fleet-";
    private static final String DEFAULT_ACCOUNT = "fleet-default";
    private static final String STRATEGY = "bulk";
    private static final int WARM_UP_CALLS = 30;
    private static final int REGISTRATIONS_IN_FLIGHT = 16;

    private final Stack stack;
    private final Profile p;
    private final FleetSettings s;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<TrackerProcess> trackers = new ArrayList<>();
    private EventCollector events;
    private String intakeTopic;
    private String jdbcUrl;
    private String database;

    FleetProbe(Stack stack, Path out) {
        this.stack = stack;
        this.p = stack.profile();
        this.s = p.fleet();
        this.dir = out.resolve("fleet");
    }

    FleetFigures run() throws Exception {
        long started = System.nanoTime();
        try {
            start();
            warmUp();
            FleetFigures.Idle idle = idle();
            Map<String, List<PlannedCall>> ordinary = new LinkedHashMap<>();
            for (int i = 1; i <= s.normalAccounts(); i++) {
                ordinary.put(account(i), Workload.plan(s.calls(), s.rate(), p.seed() + i));
            }
            String hotAccount = hotAccount();
            long arrivalsMs = ordinary.values().stream().mapToLong(plan -> plan.get(plan.size() - 1).arrivalMs()).max().orElse(0);
            int hotCalls = (int) Math.max(1, Math.round(s.hotRate() * arrivalsMs / 3_600_000.0));
            Phase solo = phase("solo", ordinary, ordinary.keySet());
            Map<String, List<PlannedCall>> withHot = new LinkedHashMap<>(ordinary);
            withHot.put(hotAccount, Workload.plan(hotCalls, s.hotRate(), p.seed() + 999));
            Phase beside = phase("beside", withHot, ordinary.keySet());
            // Solo once more: two solo runs that differ by more than the goal say the box, not the accounts, moved p95.
            Phase soloAgain = phase("solo again", ordinary, ordinary.keySet());
            List<FleetFigures.Fairness> fairness = ordinary.keySet().stream().map(a -> new FleetFigures.Fairness(a, s.calls(),
                    solo.done(a), solo.latency(a, 50, false), solo.latency(a, 95, false), solo.latency(a, 95, true),
                    beside.done(a), beside.latency(a, 50, false), beside.latency(a, 95, false), beside.latency(a, 95, true),
                    soloAgain.latency(a, 95, false))).toList();
            List<FleetFigures.Share> shares = new ArrayList<>(solo.shares());
            shares.addAll(beside.shares());
            FleetFigures.Share hotShare = beside.share(hotAccount);
            FleetFigures.Hot hot = new FleetFigures.Hot(hotAccount, hotCalls, s.hotRate(), beside.done(hotAccount), hotShare);
            return new FleetFigures(s.accounts() + 1, s.instances(), idle, fairness, hot, shares,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            CompletableFuture.allOf(trackers.stream().map(t -> CompletableFuture.runAsync(() -> Proc.stop(t)))
                    .toArray(CompletableFuture[]::new)).join();
            if (events != null) {
                events.close();
            }
        }
    }

    private String hotAccount() {
        return account(s.accounts());
    }

    static String account(int i) {
        return String.format("%s%04d", ACCOUNT_PREFIX, i);
    }

    /**
     * The mounted file: every account by SID with its credentials; base URL and share are the default account's,
     * but for the saturating account, which has a share of its own ({@code fleet-hot-share}).
     */
    private void writeAccounts() throws IOException {
        StringBuilder file = new StringBuilder("# make bench, fleet part: " + s.accounts() + " accounts, as a pod mounts them\n");
        for (int i = 1; i <= s.accounts(); i++) {
            String prefix = "exotel.accounts.\"" + account(i) + "\".";
            file.append(prefix).append("api-key=").append(Stack.API_KEY).append('\n');
            file.append(prefix).append("api-token=").append(Stack.API_TOKEN).append('\n');
        }
        file.append("exotel.accounts.\"").append(hotAccount()).append("\".rate-share-per-minute=")
                .append(p.compressedRate(s.hotShare())).append('\n');
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("application.properties"), file);
    }

    private void start() throws Exception {
        writeAccounts();
        Map<String, String> topics = stack.createTopics("fleet");
        intakeTopic = topics.get("tracker.topic.calls-created");
        events = new EventCollector(stack.kafka(), topics.get("tracker.topic.calls-completed"));
        database = Stack.database("bench_fleet");
        Map<String, String> shared = stack.trackerProperties("bench-fleet", DEFAULT_ACCOUNT, "bench_fleet", topics);
        jdbcUrl = shared.get("quarkus.datasource.jdbc.url");
        shared.put("mp.messaging.incoming.calls-created.group.id", "bench-fleet");
        shared.putAll(StrategyRun.compressedIntervals(p, STRATEGY, p.settings().get(0)));
        shared.putAll(LatencyKnob.switches(STRATEGY));
        shared.put("tracker.fetch-legs", Boolean.toString(p.fetchLegs()));
        shared.put("exotel.rate-share-per-minute", Integer.toString(p.compressedRate(Profile.TRACKER_SHARE_PER_MINUTE)));
        shared.putAll(p.trackerProperties());
        say("fleet: %d accounts in %s, starting %d instances …", s.accounts(), dir.resolve("config"), s.instances());
        List<CompletableFuture<TrackerProcess>> starting = IntStream.rangeClosed(1, s.instances()).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> {
                    Map<String, String> props = new HashMap<>(shared);
                    props.put("tracker.instance-id", "bench-fleet-" + i);
                    try {
                        return TrackerProcess.start("bench-fleet-" + i, Ports.next(), Ports.next(), props, Stack.READY_WITHIN, dir);
                    } catch (IOException e) {
                        throw new IllegalStateException("fleet instance " + i + " did not start", e);
                    }
                })).toList();
        for (CompletableFuture<TrackerProcess> t : starting) {
            trackers.add(t.join());
        }
        awaitGroup("bench-fleet");
    }

    /** Every instance is a member of the group and the topic's partitions are all assigned. */
    private void awaitGroup(String group) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription d = stack.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
            long assigned = d.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                    .filter(tp -> tp.topic().equals(intakeTopic)).count();
            if (d.members().size() == s.instances() && assigned == Stack.PARTITIONS) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the fleet's instances did not all join consumer group " + group + " within 120 s");
    }

    /** Terminal at once, spread over the accounts, so the measured calls meet JIT-warmed instances. */
    private void warmUp() throws Exception {
        List<String> sids = new ArrayList<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            String sid = TestSids.newCallSid();
            String account = account(1 + i * (s.accounts() / WARM_UP_CALLS));
            sids.add(sid);
            sent.add(stack.simulator().registerAsync(Map.of("sid", sid, "account_sid", account, "ring_ms", 0, "talk_ms", 0,
                    "post_processing_ms", 0)).thenAccept(terminal -> produce(sid, account)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        stack.producer().flush();
        events.awaitAll(sids, Duration.ofSeconds(120), "fleet: warm-up calls");
    }

    private void produce(String sid, String account) {
        stack.producer().send(new ProducerRecord<>(intakeTopic, sid,
                "{\"call_sid\":\"" + sid + "\",\"account_sid\":\"" + account + "\"}"));
    }

    /** Counted over {@code fleet-idle-seconds} with nothing in flight. */
    private FleetFigures.Idle idle() throws Exception {
        TimeUnit.SECONDS.sleep(2); // the warm-up's last rows settle (outbox, finished rows)
        say("fleet: counting the idle instances' statements for %d s …", s.idleSeconds());
        List<Map<String, Double>> before = claimStatements();
        List<Double> cpuBefore = trackers.stream().map(t -> Proc.cpuSeconds(t.pid())).toList();
        long xactBefore = transactions();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(s.idleSeconds());
        double wall = (System.nanoTime() - t0) / 1e9;
        long xactAfter = transactions();
        List<Map<String, Double>> after = claimStatements();
        List<Double> perSecond = new ArrayList<>();
        List<Double> perRound = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        Map<String, Double> byStatement = new TreeMap<>();
        for (int i = 0; i < trackers.size(); i++) {
            Map<String, Double> b = before.get(i);
            Map<String, Double> a = after.get(i);
            double total = 0;
            for (Map.Entry<String, Double> e : a.entrySet()) {
                double delta = e.getValue() - b.getOrDefault(e.getKey(), 0.0);
                total += delta;
                byStatement.merge(e.getKey(), delta / wall / p.k(), Double::sum);
            }
            perSecond.add(total / wall / p.k());
            double rounds = a.getOrDefault("accounts_with_work", 0.0) - b.getOrDefault("accounts_with_work", 0.0);
            perRound.add(rounds == 0 ? Double.NaN : total / rounds);
            cpu.add((Proc.cpuSeconds(trackers.get(i).pid()) - cpuBefore.get(i)) / wall * 100);
        }
        FleetFigures.Idle idle = new FleetFigures.Idle(wall, perSecond, perRound, byStatement,
                (xactAfter - xactBefore) / (double) trackers.size() / wall / p.k(), cpu);
        say("fleet idle: %s", idle);
        return idle;
    }

    /** Each instance's counters, read at about the same moment (a /q/metrics with a thousand accounts takes a while). */
    private List<Map<String, Double>> claimStatements() {
        return trackers.stream().map(t -> CompletableFuture.supplyAsync(() -> claimStatements(t))).toList()
                .stream().map(CompletableFuture::join).toList();
    }

    /** The instance's tracker_claim_statements_total by statement, from its /q/metrics. */
    private Map<String, Double> claimStatements(TrackerProcess tracker) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(tracker.managementUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Double> counts = new TreeMap<>();
            metrics.body().lines().filter(l -> l.startsWith("tracker_claim_statements_total{")).forEach(l -> {
                int at = l.indexOf("statement=\"") + "statement=\"".length();
                counts.put(l.substring(at, l.indexOf('"', at)), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
            });
            if (counts.isEmpty()) {
                throw new IllegalStateException(tracker.name() + " exports no tracker_claim_statements_total");
            }
            return counts;
        } catch (IOException e) {
            throw new IllegalStateException("could not read the metrics of " + tracker.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Committed and rolled-back transactions of the fleet's database so far (every instance's statements). */
    private long transactions() throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalPostgres.url("postgres"), LocalPostgres.USER, "");
             PreparedStatement st = c.prepareStatement("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** One phase: the plans' calls at their moments (÷ k), until every call of {@code awaited} has its event. */
    private Phase phase(String name, Map<String, List<PlannedCall>> plans, Iterable<String> awaited) throws Exception {
        stack.simulator().reset();
        stack.simulator().rateLimit(p.compressedRate(Profile.ACCOUNT_LIMIT_PER_MINUTE));
        Phase phase = new Phase(name, plans.keySet());
        record Arrival(String account, PlannedCall call) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        plans.forEach((account, plan) -> plan.forEach(call -> arrivals.add(new Arrival(account, call))));
        arrivals.sort(Comparator.comparingLong(a -> a.call().arrivalMs()));
        say("fleet %s: %d calls on %d accounts over %.0f s …", name, arrivals.size(), plans.size(),
                arrivals.get(arrivals.size() - 1).call().arrivalMs() / p.k() / 1000);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            sampler.scheduleAtFixedRate(phase::sample, 0, Math.max(100, Math.round(60_000 / p.k())), TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            // Thousands of calls in seconds: unbounded, the registrations open a connection each and the simulator
            // stops accepting them. A late registration only shifts its call: latency counts from its terminal moment.
            Semaphore registering = new Semaphore(REGISTRATIONS_IN_FLIGHT);
            for (Arrival a : arrivals) {
                long wait = start + Math.round(a.call().arrivalMs() * 1_000_000 / p.k()) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String sid = TestSids.newCallSid();
                registering.acquire();
                sent.add(stack.simulator().registerAsync(a.call().body(sid, a.account(), p.k()))
                        .whenComplete((terminal, failure) -> registering.release())
                        .thenAccept(terminal -> {
                            phase.arrived(a.account(), sid, terminal);
                            produce(sid, a.account());
                        }));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            stack.producer().flush();
            Instant deadline = phase.lastTerminalAt().plus(p.compressed(p.drain()));
            while (!phase.allPublished(awaited) && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            say("fleet %s: done in %.0f s", name, (System.nanoTime() - start) / 1e9);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        phase.close(stack.simulator().stats());
        return phase;
    }

    /** The calls of one phase by account, and each account's requests at the simulator. */
    private final class Phase {
        private final String name;
        private final Map<String, Map<String, Instant>> terminalAt = new ConcurrentHashMap<>();
        private final Map<String, Long> lastTotal = new HashMap<>();
        private final Map<String, Double> peak = new HashMap<>();
        private final List<FleetFigures.Share> shares = new ArrayList<>();
        private long lastSampleMs = -1;

        Phase(String name, Iterable<String> accounts) {
            this.name = name;
            accounts.forEach(a -> terminalAt.put(a, new ConcurrentHashMap<>()));
        }

        void arrived(String account, String sid, Instant terminal) {
            terminalAt.get(account).put(sid, terminal);
        }

        Instant lastTerminalAt() {
            return terminalAt.values().stream().flatMap(m -> m.values().stream()).max(Instant::compareTo).orElse(Instant.now());
        }

        boolean allPublished(Iterable<String> accounts) {
            for (String a : accounts) {
                if (!terminalAt.get(a).keySet().stream().allMatch(events.bySid()::containsKey)) {
                    return false;
                }
            }
            return true;
        }

        /** Every real minute (60/k s of run time): each account's requests since the last sample. */
        synchronized void sample() {
            try {
                JsonNode byAccount = stack.simulator().stats().path("requests_by_account");
                long now = System.currentTimeMillis();
                for (String account : terminalAt.keySet()) {
                    long total = byAccount.path(account).path("total").asLong();
                    Long last = lastTotal.put(account, total);
                    if (last != null && now > lastSampleMs) {
                        double realMinutes = (now - lastSampleMs) * p.k() / 60_000.0;
                        peak.merge(account, (total - last) / realMinutes, Math::max);
                    }
                }
                lastSampleMs = now;
            } catch (RuntimeException e) {
                say("fleet: stats sample failed: %s", e.getMessage());
            }
        }

        synchronized void close(JsonNode stats) {
            for (String account : terminalAt.keySet()) {
                JsonNode acc = stats.path("requests_by_account").path(account);
                int share = account.equals(hotAccount()) ? s.hotShare() : Profile.TRACKER_SHARE_PER_MINUTE;
                shares.add(new FleetFigures.Share(account, name, share, acc.path("total").asLong(),
                        peak.getOrDefault(account, 0.0), acc.path("peak_per_minute").asLong() / p.k(),
                        acc.path("by_status").path("429").asLong()));
            }
        }

        int done(String account) {
            return (int) terminalAt.get(account).keySet().stream().filter(events.bySid()::containsKey).count();
        }

        /**
         * Event consumed (or, {@code detection}, the tracker's terminal_detected_at) − the simulator's terminal moment,
         * real seconds, calls with outcome terminal.
         */
        double latency(String account, double percentile, boolean detection) {
            double[] seconds = terminalAt.get(account).entrySet().stream().map(e -> {
                List<Event> received = events.bySid().get(e.getKey());
                if (received == null || !"terminal".equals(received.get(0).outcome())) {
                    return null;
                }
                Event first = received.get(0);
                if (detection && first.detectedAt() == null) {
                    return null;
                }
                long at = detection ? first.detectedAt().toEpochMilli() : first.consumedAtMs();
                return (at - e.getValue().toEpochMilli()) * p.k() / 1000.0;
            }).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
            return Figures.percentile(seconds, percentile);
        }

        List<FleetFigures.Share> shares() {
            return shares;
        }

        FleetFigures.Share share(String account) {
            return shares.stream().filter(sh -> sh.account().equals(account)).findFirst().orElseThrow();
        }
    }
}
