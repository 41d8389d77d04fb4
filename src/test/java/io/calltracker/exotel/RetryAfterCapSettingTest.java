package io.calltracker.exotel;

import io.calltracker.base.BoundedDuration;
import io.calltracker.testing.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * exotel.retry-after-cap at zero, below zero and far too large: a cap that would ignore every Retry-After
 * is refused at start-up naming the key; one too large for the arithmetic is taken as a year.
 */
class RetryAfterCapSettingTest {

    @Test
    void theDefaultIsFiveMinutes() {
        assertThat(ConfigMappings.read(ExotelConfig.class, Map.of()).retryAfterCap()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void zeroIsRefused() {
        assertRefused("0", "exotel.retry-after-cap must be at least 1s (Retry-After counts whole seconds;"
                + " a shorter cap would ignore every one), got 0");
    }

    @Test
    void lessThanASecondIsRefused() {
        assertRefused("500ms", "exotel.retry-after-cap must be at least 1s");
    }

    @Test
    void aNegativeCapIsRefused() {
        assertRefused("-5m", "exotel.retry-after-cap must be at least 1s");
    }

    @Test
    void aCapTooLongForMillisecondsIsTakenAsAYear() {
        assertThat(cap("200000000000d")).isEqualTo(BoundedDuration.CEILING).isEqualTo(Duration.ofDays(365));
        assertThat(cap("1s")).isEqualTo(Duration.ofSeconds(1));
    }

    private static Duration cap(String value) {
        return ConfigMappings.read(ExotelConfig.class, Map.of("exotel.retry-after-cap", value)).retryAfterCap();
    }

    private static void assertRefused(String value, String message) {
        assertThatThrownBy(() -> cap(value)).hasMessageContaining("exotel.retry-after-cap").hasMessageContaining(message);
    }
}
