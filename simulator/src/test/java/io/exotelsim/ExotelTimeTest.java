package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExotelTimeTest {

    @Test
    void formatsInIstWithASpaceAndWholeSeconds() {
        assertThat(ExotelTime.format(Instant.parse("2022-11-03T17:24:40.999Z")))
                .isEqualTo("2022-11-03 22:54:40+05:30");
    }

    @Test
    void theNoEndTimeSentinelIsTheEpochInIst() {
        assertThat(ExotelTime.NO_END_TIME).isEqualTo("1970-01-01 05:30:00+05:30");
    }
}
