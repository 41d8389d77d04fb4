package io.calltracker.records;

import io.calltracker.testing.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tracker.retention.months-ahead and keep-months at zero, below zero and far too large: a negative
 * keep-months used to be read as "keep forever", and months-ahead had no bound on the tables it makes.
 */
class RetentionMonthsSettingTest {

    @Test
    void theDefaultsAreThreeMonthsAheadAndKeepForever() {
        RetentionConfig config = ConfigMappings.read(RetentionConfig.class, Map.of());
        assertThat(config.monthsAhead()).isEqualTo(3);
        assertThat(config.keepMonths()).isZero();
    }

    @Test
    void aNegativeKeepMonthsIsRefusedNotReadAsForever() {
        assertRefused("tracker.retention.keep-months", "-12",
                "tracker.retention.keep-months must be 0 (keep every record) or more, got -12");
    }

    @Test
    void aValueThatIsNoWholeNumberIsRefusedNamingTheKey() {
        assertRefused("tracker.retention.keep-months", "12 months", "tracker.retention.keep-months must be a whole number");
        assertRefused("tracker.retention.months-ahead", "1.5", "tracker.retention.months-ahead must be a whole number");
    }

    @Test
    void zeroMonthsAheadIsRefused() {
        assertRefused("tracker.retention.months-ahead", "0", "tracker.retention.months-ahead must be at least 1");
        assertRefused("tracker.retention.months-ahead", "-1", "tracker.retention.months-ahead must be at least 1");
    }

    @Test
    void hugeValuesAreTakenAsTheCeilingInsteadOfThousandsOfTables() {
        assertThat(read("tracker.retention.months-ahead", "100000").monthsAhead()).isEqualTo(24);
        assertThat(read("tracker.retention.months-ahead", "99999999999999999999").monthsAhead()).isEqualTo(24);
        assertThat(read("tracker.retention.keep-months", "99999999999999999999").keepMonths()).isEqualTo(1200);
        assertThat(read("tracker.retention.keep-months", "12").keepMonths()).isEqualTo(12);
    }

    private static RetentionConfig read(String key, String value) {
        return ConfigMappings.read(RetentionConfig.class, Map.of(key, value));
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> read(key, value)).hasStackTraceContaining(message);
    }
}
