package io.calltracker.resilience;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short fault suite of {@code make test}: the figures that must hold, under every fault at once,
 * including PostgreSQL away for longer than a minute (liveness stays UP, intake resumes by itself)
 * and a hostile-input burst mixed into the traffic.
 */
class FaultSuiteIT {

    @Test
    void nothingIsLostDuplicatedOrOverBudgetUnderFaults() throws Exception {
        Figures figures;
        try (FaultSuite suite = new FaultSuite(FaultSuite.Settings.quick(), FaultSuite.Ports.TEST)) {
            figures = suite.run();
        }
        System.out.println(figures.table());

        assertThat(figures.callsIn()).as("calls in").isPositive();
        assertThat(figures.hostileSent()).as("hostile burst sent").isPositive();
        // A request that passed the gate an instant before another request's 429 came back is
        // already on its way; nothing short of serialising every request of an account can stop it.
        // So here, on a busy CI machine, at most one such race per 429; `make faults` holds it to 0.
        assertThat(figures.violations(figures.rateLimited429s())).as("figures that must hold").isEmpty();
        assertThat(figures.kills()).isEqualTo(5);
        assertNoSecretsIn(Path.of("target", "it-logs"));
    }

    /**
     * The trackers logged at DEBUG through every fault: still no credential and no pre-signed URL; and
     * no consumer stopped polling while intake waited out the database.
     */
    private static void assertNoSecretsIn(Path logs) throws IOException {
        String basicAuth = Base64.getEncoder().encodeToString("sim-key:sim-token".getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("faults-tracker")).toList()) {
                String text = Files.readString(log);
                assertThat(text).as(log.toString()).isNotEmpty()
                        .doesNotContain("sim-token", basicAuth, "X-Amz-Signature", "exotel-mum1-recordings")
                        // Kafka's warning when a consumer stopped polling for longer than max.poll.interval.ms.
                        .doesNotContain("poll timeout has expired");
            }
        }
    }
}
