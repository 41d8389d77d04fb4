package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.TestSids;
import io.calltracker.testing.TrackerProcess;
import io.calltracker.tracking.PollSchedule;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.calltracker.bench.Round.say;

/**
 * The engine's own limits, with the simulator unlimited and no time compression: intake SIDs/s,
 * polls/s, the claim statement over a large in-flight set, and the tracker's RSS and CPU. Each step
 * that fails is reported as such; the others still run.
 */
final class EngineProbe {

    static final String ACCOUNT = "bench-engine";
    private static final String DATABASE = "bench_engine";
    private static final int CLAIM_BATCH = 100;
    private static final double CLAIM_LEASE_SECONDS = 120;
    /** Intake is measured over at most this long, so a slow intake cannot stretch the run without bound. */
    private static final Duration INTAKE_CAP = Duration.ofMinutes(3);

    private final Stack stack;
    private final Profile p;
    private final Path out;
    private final List<String> errors = new ArrayList<>();
    /** The SIDs of the intake burst, registered on the simulator as long calls; the peer takes in the same ones. */
    private final List<String> sids;
    private Map<String, String> topics;
    private Map<String, String> trackerProps;
    private String jdbcUrl;

    EngineProbe(Stack stack, Path out) {
        this.stack = stack;
        this.p = stack.profile();
        this.out = out;
        this.sids = new ArrayList<>(p.intakeSids());
        for (int i = 0; i < p.intakeSids(); i++) {
            sids.add(TestSids.newCallSid());
        }
    }

    /** The SIDs this probe produces, for {@link PeerProbe}: both sides take in the same burst of the same calls. */
    List<String> sids() {
        return List.copyOf(sids);
    }

    record Intake(double perSecond, double cpuPer1k) {
        static final Intake FAILED = new Intake(Double.NaN, Double.NaN);
    }

    record Polls(double perSecond, double cpuPer1k, Map<String, Long> statuses) {
        static final Polls FAILED = new Polls(Double.NaN, Double.NaN, Map.of());
    }

    record Claims(long due, double p50Ms, double p99Ms, double maxMs, double meanRows) {
        static final Claims FAILED = new Claims(-1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    record Rss(double maxMb, double lastMb, double pollsPerSecond) {
        static final Rss FAILED = new Rss(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * One tracker: intake (first poll an hour away, so only intake runs), then polls/s over the same
     * calls, then RSS once the in-flight set is filled up; the claim statement is timed after it stopped.
     */
    Figures.Engine run() {
        String loadBefore = Benchmark.loadAverage();
        stack.simulator().reset();
        stack.simulator().rateLimit(0);
        topics = stack.createTopics("engine");
        trackerProps = stack.trackerProperties("bench-engine", ACCOUNT, DATABASE, topics);
        jdbcUrl = trackerProps.get("quarkus.datasource.jdbc.url");
        // As fast as the engine can: every call due again 500 ms after each poll, the budget unlimited (share 0).
        // Per-call polling, the sweep off: polls/s is what the engine sustains when every look is a v3 request.
        trackerProps.putAll(Map.of(
                "tracker.bulk.enabled", "false",
                "tracker.poll-strategy", "fixed",
                "tracker.poll-initial-delay", "1h",
                "tracker.poll-min-interval", "500ms",
                "tracker.poll-max-interval", "500ms",
                "tracker.not-found-grace", "1h",
                "tracker.max-tracking-age", "5h",
                "tracker.claim-interval", "100ms",
                "tracker.claim-lease", "30s",
                "exotel.rate-share-per-minute", "0"));
        trackerProps.putAll(p.trackerProperties());

        Intake intake = Intake.FAILED;
        Polls polls = Polls.FAILED;
        Rss rss = Rss.FAILED;
        TrackerProcess tracker = step("start", null, () -> {
            // Real, long calls on the simulator, so that polling them gets 200 "active", as in production.
            say("engine: registering %,d long calls on the simulator …", sids.size());
            registerLongCalls(stack, sids);
            TrackerProcess started = TrackerProcess.start("bench-engine", Ports.next(), Ports.next(), trackerProps, Stack.READY_WITHIN);
            stack.awaitIntakeAssigned(trackerProps);
            return started;
        });
        if (tracker != null) {
            try {
                intake = step("intake", Intake.FAILED, () -> intake(tracker, sids));
                polls = step("polls/s", Polls.FAILED, () -> polls(tracker));
                step("fill", null, this::fill);
                rss = step("RSS", Rss.FAILED, () -> rss(tracker));
            } finally {
                Proc.stop(tracker);
            }
        }
        Claims claims = step("claim query", Claims.FAILED, this::claims);
        return new Figures.Engine(trackerProps.get("exotel.rate-share-per-minute"), sids.size(), intake.perSecond(),
                intake.cpuPer1k(), sids.size(), polls.perSecond(), polls.cpuPer1k(), polls.statuses(),
                p.inFlightRows(), claims.due(), CLAIM_BATCH, claims.p50Ms(), claims.p99Ms(), claims.maxMs(),
                claims.meanRows(), p.inFlightRows(), rss.maxMb(), rss.lastMb(), rss.pollsPerSecond(), loadBefore,
                Benchmark.loadAverage(), List.copyOf(errors));
    }

    /** Real, six-hour calls of {@link #ACCOUNT} on the simulator: polling them answers 200 "active", as in production. */
    static void registerLongCalls(Stack stack, List<String> sids) {
        stack.simulator().registerAll(sids.stream().map(sid -> Map.<String, Object>of("sid", sid, "account_sid",
                ACCOUNT, "ring_ms", 1_000, "talk_ms", 6 * 3_600_000, "post_processing_ms", 1_000)).toList(), 32);
    }

    /** Produces all SIDs at once; intake/s = SIDs stored ÷ time from the first send until the last is in tracked_call. */
    private Intake intake(TrackerProcess tracker, List<String> sids) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            double cpu0 = Proc.cpuSeconds(tracker.pid());
            String topic = topics.get("tracker.topic.calls-created");
            say("engine: producing %,d SIDs to %s …", sids.size(), topic);
            long t0 = System.nanoTime();
            for (String sid : sids) {
                stack.producer().send(new ProducerRecord<>(topic, sid, sid));
            }
            stack.producer().flush();
            long deadline = t0 + INTAKE_CAP.toNanos();
            while (count(db, "SELECT count(*) FROM tracked_call") < sids.size() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long stored = count(db, "SELECT count(*) FROM tracked_call");
            double seconds = (System.nanoTime() - t0) / 1e9;
            say("engine: intake %,d SIDs in %.1f s = %,.0f SIDs/s", stored, seconds, stored / seconds);
            if (stored < sids.size()) {
                errors.add(String.format("intake: only %,d of %,d SIDs stored within %s; the rest was still being taken in"
                        + " during the polls/s window", stored, sids.size(), Profile.human(INTAKE_CAP)));
            }
            return new Intake(stored / seconds, (Proc.cpuSeconds(tracker.pid()) - cpu0) / stored * 1000);
        }
    }

    /** Makes every call due now; each is due again 500 ms after its poll, more than the engine can serve. */
    private Polls polls(TrackerProcess tracker) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE tracked_call SET next_poll_at = now()");
        }
        say("engine: polling %,d active calls, warming up 5 s, then measuring %d s …", p.intakeSids(), p.pollSeconds());
        TimeUnit.SECONDS.sleep(5); // warm-up before the measuring window, not synchronisation
        JsonNode before = stack.simulator().stats();
        double cpu1 = Proc.cpuSeconds(tracker.pid());
        long w0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(p.pollSeconds()); // the measuring window
        JsonNode after = stack.simulator().stats();
        double cpu2 = Proc.cpuSeconds(tracker.pid());
        double window = (System.nanoTime() - w0) / 1e9;
        long polls = after.path("requests_total").asLong() - before.path("requests_total").asLong();
        Map<String, Long> statuses = statusDelta(before, after);
        say("engine: %,.0f polls/s (%s)", polls / window, statuses);
        return new Polls(polls / window, (cpu2 - cpu1) / polls * 1000, statuses);
    }

    /** Fills the in-flight set up to the profile's size: ~10% due, the rest spread over the next 10 minutes. */
    private Void fill() throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            long missing = Math.max(0, p.inFlightRows() - count(db, "SELECT count(*) FROM tracked_call WHERE outcome IS NULL"));
            say("engine: inserting %,d more in-flight rows (generate_series) …", missing);
            try (PreparedStatement s = db.prepareStatement("""
                    INSERT INTO tracked_call (call_sid, account_sid, next_poll_at)
                    SELECT 'fill' || lpad(g::text, 12, '0'), ?, now() + (random() * 660 - 60) * interval '1 second'
                      FROM generate_series(1, ?) g
                    """)) {
                s.setString(1, ACCOUNT);
                s.setLong(2, missing);
                s.executeUpdate();
            }
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM ANALYZE tracked_call");
            }
            return null;
        }
    }

    /** VmRSS sampled every second while the tracker polls over the filled in-flight set (fill rows answer 404). */
    private Rss rss(TrackerProcess tracker) throws Exception {
        say("engine: %,d in flight, sampling the tracker's RSS for %d s …", p.inFlightRows(), p.rssSeconds());
        JsonNode before = stack.simulator().stats();
        long t0 = System.nanoTime();
        double max = 0;
        for (int i = 0; i < p.rssSeconds(); i++) {
            TimeUnit.SECONDS.sleep(1); // sampling cadence
            max = Math.max(max, Proc.rssMb(tracker.pid()));
        }
        JsonNode after = stack.simulator().stats();
        double polls = (after.path("requests_total").asLong() - before.path("requests_total").asLong())
                / ((System.nanoTime() - t0) / 1e9);
        say("engine: RSS max %.0f MiB, %,.0f polls/s", max, polls);
        return new Rss(max, Proc.rssMb(tracker.pid()), polls);
    }

    /** The claim statement over the in-flight set, the tracker stopped: each claim rolled back so its rows stay due. */
    private Claims claims() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM ANALYZE tracked_call");
            }
            long inFlight = count(db, "SELECT count(*) FROM tracked_call WHERE outcome IS NULL");
            long due = count(db, "SELECT count(*) FROM tracked_call WHERE outcome IS NULL AND next_poll_at <= now()");
            String claim = claimStatement();
            double[] ms = new double[p.claimSamples()];
            long rows = 0;
            db.setAutoCommit(false);
            try (PreparedStatement s = db.prepareStatement(claim)) {
                bind(s, claim);
                for (int i = -50; i < ms.length; i++) { // 50 warm-up executions
                    long t = System.nanoTime();
                    rows += claimOnce(s);
                    double elapsed = (System.nanoTime() - t) / 1e6;
                    db.rollback();
                    if (i >= 0) {
                        ms[i] = elapsed;
                    }
                }
            }
            Files.writeString(out.resolve("claim-plan.txt"), explain(db, claim, inFlight, due));
            db.rollback();
            Claims claims = new Claims(due, Figures.percentile(ms, 50), Figures.percentile(ms, 99),
                    Figures.percentile(ms, 100), rows / (double) (ms.length + 50));
            say("engine: claim p50 %.2f ms, p99 %.2f ms over %,d in flight (%,d due)", claims.p50Ms(), claims.p99Ms(),
                    inFlight, due);
            return claims;
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T step(String name, T failed, Step<T> step) {
        try {
            return step.run();
        } catch (Exception e) {
            errors.add("engine step '" + name + "' failed: " + e);
            say("engine step '%s' failed: %s", name, e);
            return failed;
        }
    }

    /** The exact statement the tracker claims with, read from {@link PollSchedule}. */
    static String claimStatement() throws ReflectiveOperationException {
        Field f = PollSchedule.class.getDeclaredField("CLAIM_DUE");
        f.setAccessible(true);
        return (String) f.get(null);
    }

    /** Binds as {@code PollSchedule.claimDue} does: lease seconds, owner, [account,] limit. */
    private static void bind(PreparedStatement s, String claim) throws SQLException {
        long parameters = claim.chars().filter(c -> c == '?').count();
        s.setDouble(1, CLAIM_LEASE_SECONDS);
        s.setString(2, "bench-claim");
        if (parameters == 4) {
            s.setString(3, ACCOUNT);
            s.setInt(4, CLAIM_BATCH);
        } else if (parameters == 3) {
            s.setInt(3, CLAIM_BATCH);
        } else {
            throw new IllegalStateException("CLAIM_DUE now takes " + parameters
                    + " parameters: update EngineProbe.bind to match PollSchedule.claimDue");
        }
    }

    private static int claimOnce(PreparedStatement s) throws SQLException {
        int rows = 0;
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    private String explain(Connection db, String claim, long inFlight, long due) throws SQLException {
        StringBuilder plan = new StringBuilder(String.format("-- PollSchedule.CLAIM_DUE, %,d rows in flight, %,d due, limit %d,"
                + " rolled back%n%s%n", inFlight, due, CLAIM_BATCH, claim.strip()));
        try (PreparedStatement s = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + claim)) {
            bind(s, claim);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static Map<String, Long> statusDelta(JsonNode before, JsonNode after) {
        Map<String, Long> delta = new TreeMap<>();
        after.path("requests_by_account").path(ACCOUNT).path("by_status").fields().forEachRemaining(f ->
                delta.put(f.getKey(), f.getValue().asLong()
                        - before.path("requests_by_account").path(ACCOUNT).path("by_status").path(f.getKey()).asLong()));
        return delta;
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
