package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.TrackerProcess;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.calltracker.bench.Round.say;

/**
 * The engine figures of db-scheduler ({@link DbSchedulerPeer}) in the same run, on the same PostgreSQL,
 * broker and simulator, measured as {@link EngineProbe} measures the tracker: intake SIDs/s from one
 * burst, then polls/s with every call due again 500 ms after each poll, CPU per 1k and RSS meanwhile.
 * The machine's load average before and after says how quiet the box was.
 */
final class PeerProbe {

    private static final String DATABASE = "bench_peer";
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);
    private static final Duration INTAKE_CAP = Duration.ofMinutes(3);

    private final Stack stack;
    private final Profile p;
    private final Path out;
    private final List<String> errors = new ArrayList<>();

    PeerProbe(Stack stack, Path out) {
        this.stack = stack;
        this.p = stack.profile();
        this.out = out;
    }

    /**
     * @param sids the engine's burst, already registered on the simulator by {@link EngineProbe}: the same SIDs,
     *             the same size, to a topic and database of the peer's own
     */
    Figures.Peer run(int threads, List<String> sids) {
        String loadBefore = Benchmark.loadAverage();
        String topic = stack.createTopics("peer").get("tracker.topic.calls-created");
        String jdbcUrl = LocalPostgres.freshDatabase(Stack.database(DATABASE));
        double intake = Double.NaN;
        double intakeCpu = Double.NaN;
        double polls = Double.NaN;
        double pollCpu = Double.NaN;
        double rssMax = Double.NaN;
        Process peer = null;
        try {
            peer = start(jdbcUrl, topic, threads);
            stack.awaitIntakeAssigned(Map.of("mp.messaging.incoming.calls-created.group.id", "db-scheduler-peer",
                    "tracker.topic.calls-created", topic));
            try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
                double cpu0 = Proc.cpuSeconds(peer.pid());
                double seconds = intake(db, topic, sids);
                long stored = EngineProbe.count(db, "SELECT count(*) FROM scheduled_tasks");
                intake = stored / seconds;
                intakeCpu = (Proc.cpuSeconds(peer.pid()) - cpu0) / stored * 1000;
                say("peer: intake %,d SIDs in %.1f s = %,.0f SIDs/s", stored, seconds, intake);

                try (Statement s = db.createStatement()) {
                    s.executeUpdate("UPDATE scheduled_tasks SET execution_time = now()");
                }
                say("peer: polling %,d active calls, warming up 5 s, then measuring %d s …", sids.size(), p.pollSeconds());
                TimeUnit.SECONDS.sleep(5); // warm-up before the measuring window, not synchronisation
                JsonNode before = stack.simulator().stats();
                double cpu1 = Proc.cpuSeconds(peer.pid());
                long w0 = System.nanoTime();
                rssMax = 0;
                for (int i = 0; i < p.pollSeconds(); i++) {
                    TimeUnit.SECONDS.sleep(1); // the measuring window, sampling RSS each second
                    rssMax = Math.max(rssMax, Proc.rssMb(peer.pid()));
                }
                long requests = stack.simulator().stats().path("requests_total").asLong() - before.path("requests_total").asLong();
                polls = requests / ((System.nanoTime() - w0) / 1e9);
                pollCpu = (Proc.cpuSeconds(peer.pid()) - cpu1) / requests * 1000;
                say("peer: %,.0f polls/s, RSS max %.0f MiB", polls, rssMax);
            }
        } catch (Exception e) {
            errors.add("db-scheduler peer failed: " + e);
            say("peer failed: %s", e);
        } finally {
            if (peer != null) {
                peer.destroy();
            }
        }
        return new Figures.Peer(threads, intake, intakeCpu, polls, pollCpu, rssMax, loadBefore, Benchmark.loadAverage(),
                List.copyOf(errors));
    }

    /** The peer as its own JVM, with the trackers' JVM options and this JVM's classpath (db-scheduler is a test dependency). */
    private Process start(String jdbcUrl, String topic, int threads) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(TrackerProcess.jvmOptions().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dpeer.jdbc-url=" + jdbcUrl, "-Dpeer.kafka=" + stack.kafka(), "-Dpeer.topic=" + topic,
                "-Dpeer.simulator=" + stack.simulatorUrl(), "-Dpeer.account=" + EngineProbe.ACCOUNT,
                "-Dpeer.threads=" + threads, "-Dpeer.repoll=PT0.5S", "-Dpeer.first-poll=PT1H",
                DbSchedulerPeer.class.getName()));
        Path log = out.resolve("peer.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
                EngineProbe.count(db, "SELECT count(*) FROM scheduled_tasks");
                return process;
            } catch (SQLException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        process.destroy();
        throw new IllegalStateException("the db-scheduler peer did not start; see " + log + ":\n" + Files.readString(log));
    }

    /** Produces all SIDs at once; seconds from the first send until the last is scheduled. */
    private double intake(Connection db, String topic, List<String> sids) throws Exception {
        say("peer: producing %,d SIDs to %s …", sids.size(), topic);
        long t0 = System.nanoTime();
        for (String sid : sids) {
            stack.producer().send(new ProducerRecord<>(topic, sid, sid));
        }
        stack.producer().flush();
        long deadline = t0 + INTAKE_CAP.toNanos();
        while (EngineProbe.count(db, "SELECT count(*) FROM scheduled_tasks") < sids.size() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        if (EngineProbe.count(db, "SELECT count(*) FROM scheduled_tasks") < sids.size()) {
            errors.add("peer intake: not every SID scheduled within " + Profile.human(INTAKE_CAP));
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
