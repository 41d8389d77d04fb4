package io.calltracker.testing.simulator;

import io.calltracker.testing.TrackerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

/**
 * The Exotel simulator process of this test JVM: its own jar ({@link TrackerProcess#simulatorJar()}),
 * started on a free port by the first test that needs it and shared by every @QuarkusTest class after
 * it (a shutdown hook stops it). Its URL is kept in a system property, so that a class loaded twice
 * (by the test and by the Quarkus class loader) still finds the one process.
 */
public final class SharedSimulator {

    private static final String URL_PROPERTY = "test.simulator.url";

    private SharedSimulator() {
    }

    /** The simulator's base URL, e.g. {@code http://localhost:41234}: the tracker's {@code exotel.base-url}. */
    public static String baseUrl() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                url = start().baseUrl();
                System.setProperty(URL_PROPERTY, url);
            }
            return url;
        }
    }

    /**
     * What a fresh simulator would be, as each tracker application of the tests found it when the
     * simulator ran inside it: no calls, scripts or statistics, the configured faults (none).
     */
    public static void reset() {
        CallSimulator simulator = new CallSimulator();
        simulator.reset();
        simulator.faults("""
                {"error_rate": 0, "latency_ms": 0, "rate_limit_per_minute": 0, "legs_disabled_accounts": [],
                 "v1_disabled_accounts": [], "revoked_accounts": [], "callback_drop_rate": 0, "callback_delay_ms": 0}""");
        simulator.v1Model("{\"model\": \"listed-at-end\"}");
    }

    private static TrackerProcess start() {
        try {
            int port = freePort();
            // Unlimited: tests are not slowed by 429s; rate-limit tests set a limit through the faults.
            TrackerProcess process = TrackerProcess.simulator("test-simulator-" + port, port,
                    Map.of("simulator.rate-limit-per-minute", "0"), Duration.ofSeconds(90));
            Runtime.getRuntime().addShutdownHook(new Thread(process::close, "test-simulator-stop"));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Exotel simulator", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
