package io.calltracker.resilience;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The short fault suite of {@code make test}: the figures that must hold, under every fault at once. */
class FaultSuiteIT {

    @Test
    void nothingIsLostDuplicatedOrOverBudgetUnderFaults() throws Exception {
        Figures figures;
        try (FaultSuite suite = new FaultSuite(FaultSuite.Settings.quick())) {
            figures = suite.run();
        }
        System.out.println(figures.table());

        assertThat(figures.lost()).as("lost").isZero();
        assertThat(figures.outcomesOut()).as("outcomes out").isEqualTo(figures.callsIn());
        assertThat(figures.conflictingEvents()).as("duplicates with different data").isZero();
        assertThat(figures.deadLettered()).as("dead-lettered").isEqualTo(figures.badInputsSent());
        assertThat(figures.kills()).isEqualTo(5);
        assertThat(figures.peakRequestsPerMinute()).as("peak requests/min").isLessThanOrEqualTo(figures.budgetPerMinute());
        // A request that passed the gate an instant before another request's 429 came back is
        // already on its way; nothing short of serialising every request of an account can stop it.
        // So here, on a busy CI machine, at most one such race per 429; `make faults` reports the
        // exact figure (0 in the run quoted in the issue).
        assertThat(figures.requestsInsideRetryAfter()).as("requests inside a Retry-After window")
                .isLessThanOrEqualTo(figures.rateLimited429s());
        assertNoSecretsIn(Path.of("target", "it-logs"));
    }

    /** The trackers logged at DEBUG through every fault: still no credential and no pre-signed URL. */
    private static void assertNoSecretsIn(Path logs) throws IOException {
        String basicAuth = Base64.getEncoder().encodeToString("sim-key:sim-token".getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("faults-tracker")).toList()) {
                String text = Files.readString(log);
                assertThat(text).as(log.toString()).isNotEmpty()
                        .doesNotContain("sim-token", basicAuth, "X-Amz-Signature", "exotel-mum1-recordings");
            }
        }
    }
}
