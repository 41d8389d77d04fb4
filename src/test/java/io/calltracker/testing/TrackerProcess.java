package io.calltracker.testing;

import io.restassured.RestAssured;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The packaged daemon ({@code target/quarkus-app/quarkus-run.jar}) as a child process, so tests can
 * kill it with SIGKILL and start another one, as on real infrastructure; or, by {@link #simulator}, the
 * Exotel simulator's own jar.
 */
public final class TrackerProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;

    private TrackerProcess(String name, int port, int managementPort, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    public static final String JVM_OPTIONS = "tracker.jvm-options";

    /**
     * Starts the daemon's jar with these system properties, its public port and its management interface
     * (health, metrics) on {@code managementPort}, and waits until it reports ready.
     */
    public static TrackerProcess start(String name, int port, int managementPort, Map<String, String> properties)
            throws IOException {
        return start(name, port, managementPort, properties, Duration.ofSeconds(60));
    }

    /** As {@link #start(String, int, int, Map)}, waiting up to {@code readyWithin} (a loaded machine starts JVMs slowly). */
    public static TrackerProcess start(String name, int port, int managementPort, Map<String, String> properties,
            Duration readyWithin) throws IOException {
        return start(name, port, managementPort, properties, readyWithin, jvmOptions());
    }

    /**
     * As {@link #start(String, int, int, Map, Duration)} with this process's own JVM options instead of
     * {@link #jvmOptions()}, e.g. a small heap for a memory test.
     */
    public static TrackerProcess start(String name, int port, int managementPort, Map<String, String> properties,
            Duration readyWithin, String jvmOptions) throws IOException {
        return start(name, port, managementPort, properties, readyWithin, jvmOptions, null);
    }

    /**
     * As {@link #start(String, int, int, Map, Duration)}, run in {@code workingDirectory}: the daemon then reads
     * {@code config/application.properties} there, as a pod reads its mounted {@code /deployments/config/}.
     */
    public static TrackerProcess start(String name, int port, int managementPort, Map<String, String> properties,
            Duration readyWithin, Path workingDirectory) throws IOException {
        return start(name, port, managementPort, properties, readyWithin, jvmOptions(), workingDirectory);
    }

    private static TrackerProcess start(String name, int port, int managementPort, Map<String, String> properties,
            Duration readyWithin, String jvmOptions, Path workingDirectory) throws IOException {
        Map<String, String> withManagementPort = new LinkedHashMap<>(properties);
        withManagementPort.put("quarkus.management.port", Integer.toString(managementPort));
        return start(name, Path.of(System.getProperty("tracker.jar", "target/quarkus-app/quarkus-run.jar")), port,
                managementPort, withManagementPort, readyWithin, jvmOptions, workingDirectory);
    }

    /**
     * The Exotel simulator's own runnable jar (see {@link #simulatorJar()}) as a child process, e.g. with
     * {@code simulator.rate-limit-per-minute=0}; ready when its {@code /q/health/ready} answers 200. The
     * simulator has no management interface: its health is on its one port.
     */
    public static TrackerProcess simulator(String name, int port, Map<String, String> properties, Duration readyWithin)
            throws IOException {
        return start(name, simulatorJar(), port, port, properties, readyWithin, jvmOptions(), null);
    }

    /**
     * {@code simulator/target/quarkus-app/quarkus-run.jar} (system property {@code simulator.jar}), built by
     * {@code make simulator}, which {@code make test}, {@code run}, {@code faults} and {@code bench} do first.
     */
    public static Path simulatorJar() {
        Path jar = Path.of(System.getProperty("simulator.jar", "simulator/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Exotel simulator is not built: no " + jar.toAbsolutePath()
                    + "; run `make simulator` (or `mvn -f simulator/pom.xml package -DskipTests`) first");
        }
        return jar;
    }

    private static TrackerProcess start(String name, Path jar, int port, int managementPort,
            Map<String, String> properties, Duration readyWithin, String jvmOptions, Path workingDirectory)
            throws IOException {
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmOptions.split("\\s+")));
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        // null: this process's working directory
        Process process = new ProcessBuilder(command).directory(workingDirectory == null ? null : workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // A failed test run must not leave a daemon holding the port for the next one.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        TrackerProcess tracker = new TrackerProcess(name, port, managementPort, process);
        await().atMost(readyWithin).pollInterval(Duration.ofMillis(200)).until(tracker::ready);
        return tracker;
    }

    /** JVM options of every child process: system property {@value #JVM_OPTIONS}, by default a 256 MiB heap. */
    public static String jvmOptions() {
        String options = System.getProperty(JVM_OPTIONS, "").strip();
        return options.isEmpty() ? "-Xmx256m" : options;
    }

    /** The child JVM's process id, e.g. to read its CPU time and RSS from /proc. */
    public long pid() {
        return process.pid();
    }

    /** False once the process has ended, killed by a test or on its own. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The public port: the admin API, Exotel's status callbacks (the simulator: everything). */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The management interface: {@code /q/health/*}, {@code /q/metrics}. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** SIGTERM: the daemon shuts down gracefully and releases its claims. */
    public void terminate() {
        process.destroy();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }

    public String name() {
        return name;
    }

    /** SIGKILL: no shutdown hooks, no graceful release of claims. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/it-logs/" + name + ".log");
        }
        try {
            return RestAssured.given().baseUri(managementUrl()).get("/q/health/ready").statusCode() == 200;
        } catch (Exception notListeningYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
        }
    }
}
