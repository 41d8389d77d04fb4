package io.calltracker.devstack;

import io.calltracker.testing.LocalKafka;
import io.calltracker.testing.TrackerProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code make run}: a real Kafka broker, PostgreSQL (the local server, else an embedded one), and the
 * packaged tracker as a child process — with the Exotel simulator (its own jar, another child process)
 * and demo traffic unless real Exotel credentials are set in EXOTEL_ACCOUNT_SID / EXOTEL_API_KEY /
 * EXOTEL_API_TOKEN. Ctrl-C stops it all.
 */
public final class DevStack {

    private static final Path WORK = Path.of("target", "devstack");
    private static final int HTTP_PORT = Integer.parseInt(System.getenv().getOrDefault("QUARKUS_HTTP_PORT", "8080"));
    /** Health, metrics, OpenAPI and (profile demo) the Swagger UI: the tracker's management interface. */
    private static final int MANAGEMENT_PORT = Integer.parseInt(System.getenv().getOrDefault("QUARKUS_MANAGEMENT_PORT", "9000"));
    private static final int SIMULATOR_PORT = Integer.parseInt(System.getenv().getOrDefault("SIMULATOR_PORT", "8090"));
    private static final String SIMULATOR_URL = "http://localhost:" + SIMULATOR_PORT;

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = System.getenv("EXOTEL_ACCOUNT_SID") == null || System.getenv("EXOTEL_ACCOUNT_SID").isBlank();

        say("starting Kafka (KRaft, in this JVM) …");
        String kafka = LocalKafka.bootstrapServers();
        say("Kafka ready at " + kafka);

        DevDatabase database = DevDatabase.start(WORK.resolve("postgres"));
        say("PostgreSQL: " + database.jdbcUrl() + (database.embedded() ? " (embedded)" : ""));

        Process simulator = demo ? startSimulator() : null;
        Process tracker = startTracker(kafka, database, demo);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping …");
            tracker.destroy();
            if (simulator != null) {
                simulator.destroy();
            }
            LocalKafka.stop();
            database.close();
        }, "devstack-stop"));

        DemoTraffic traffic = demo ? new DemoTraffic(kafka, SIMULATOR_URL) : null;
        ProgressReport progress = new ProgressReport(database, "http://localhost:" + HTTP_PORT,
                "http://localhost:" + MANAGEMENT_PORT);
        progress.printWhereToLook(kafka);
        while (tracker.isAlive()) {
            if (traffic != null) {
                traffic.tick();
            }
            progress.print();
            Thread.sleep(5_000);
        }
        say("the tracker exited with code " + tracker.exitValue() + "; its log is " + WORK.resolve("tracker.log"));
        System.exit(1);
    }

    private static Process startTracker(String kafka, DevDatabase database, boolean demo) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(HTTP_PORT));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(MANAGEMENT_PORT));
        if (demo) {
            env.put("QUARKUS_PROFILE", "demo");
            env.put("EXOTEL_BASE_URL", SIMULATOR_URL);
            say("no EXOTEL_ACCOUNT_SID set: tracking simulated calls (profile demo)");
        } else {
            say("EXOTEL_ACCOUNT_SID set: tracking real calls at Exotel, no demo traffic");
        }
        Path log = WORK.resolve("tracker.log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        say("starting the tracker on port " + HTTP_PORT + " (management: " + MANAGEMENT_PORT + "), log: " + log);
        return builder.start();
    }

    /** The Exotel simulator's own jar, its random calls compressed 20x in time as the demo profile expects. */
    private static Process startSimulator() throws IOException {
        Path log = WORK.resolve("simulator.log");
        // The port as a system property: it outranks a QUARKUS_HTTP_PORT meant for the tracker in this environment.
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-Dquarkus.http.port=" + SIMULATOR_PORT,
                "-jar", TrackerProcess.simulatorJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("QUARKUS_HTTP_PORT");
        builder.environment().remove("QUARKUS_MANAGEMENT_PORT");
        builder.environment().put("SIMULATOR_TIME_SCALE", "20");
        say("starting the Exotel simulator on port " + SIMULATOR_PORT + " (control API " + SIMULATOR_URL
                + "/simulator/stats), log: " + log);
        return builder.start();
    }

    static void say(String line) {
        System.out.println("[make run] " + line);
    }
}
