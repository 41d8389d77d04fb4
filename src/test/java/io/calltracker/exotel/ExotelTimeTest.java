package io.calltracker.exotel;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExotelTimeTest {

    @Test
    void parsesTheSpaceSeparatedFormatKeepingTheOffset() {
        assertThat(ExotelTime.parse("2022-11-03 22:54:40+05:30"))
                .isEqualTo(OffsetDateTime.of(2022, 11, 3, 22, 54, 40, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    }

    @Test
    void theEpochSentinelMeansNoTime() {
        assertThat(ExotelTime.parse("1970-01-01 05:30:00+05:30")).isNull();
        assertThat(ExotelTime.parse("1970-01-01 00:00:00+00:00")).isNull();
    }

    @Test
    void missingValuesAreNull() {
        assertThat(ExotelTime.parse(null)).isNull();
        assertThat(ExotelTime.parse(" ")).isNull();
    }

    @Test
    void acceptsIsoAsWellButRejectsGarbage() {
        assertThat(ExotelTime.parse("2022-11-03T22:54:40+05:30").toInstant())
                .isEqualTo(ExotelTime.parse("2022-11-03 22:54:40+05:30").toInstant());
        assertThatThrownBy(() -> ExotelTime.parse("yesterday")).isInstanceOf(RuntimeException.class);
    }
}
