package io.exotelsim;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void countsOnlyRequestsBeforeTheRetryAfterExpires() {
        RetryAfterWindows windows = new RetryAfterWindows();
        windows.observe("acc", T0);
        windows.opened("acc", T0, 3);
        windows.observe("acc", T0.plusMillis(100));
        windows.observe("acc", T0.plusSeconds(1));
        windows.observe("other", T0.plusSeconds(1));
        windows.observe("acc", T0.plusSeconds(3));

        assertThat(windows.insideWindows("acc")).isEqualTo(1);
        assertThat(windows.insideWindows("other")).isZero();
    }

    @Test
    void aShorterLaterWindowDoesNotShortenALongerOne() {
        RetryAfterWindows windows = new RetryAfterWindows();
        windows.opened("acc", T0, 10);
        windows.opened("acc", T0.plusSeconds(1), 1);
        windows.observe("acc", T0.plusSeconds(5));

        assertThat(windows.insideWindows("acc")).isEqualTo(1);
    }
}
