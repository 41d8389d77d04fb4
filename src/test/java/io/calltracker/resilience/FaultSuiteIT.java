package io.calltracker.resilience;

import org.junit.jupiter.api.Test;

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
        if (figures.requestsInsideRetryAfter() >= 0) {
            assertThat(figures.requestsInsideRetryAfter()).as("requests inside a Retry-After window").isZero();
        }
    }
}
