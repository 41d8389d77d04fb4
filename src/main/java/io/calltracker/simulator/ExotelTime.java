package io.calltracker.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Exotel's timestamp formats: seconds precision, a space instead of ISO's {@code T}, shown in IST; v3
 * writes the offset, v1 and its status callbacks leave it out.
 */
final class ExotelTime {

    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    /** The tracker's own parser reads what this writes: one pattern for both sides. */
    private static final DateTimeFormatter FORMAT = io.calltracker.exotel.ExotelTime.FORMAT.withZone(IST);

    private static final DateTimeFormatter V1_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(IST);

    /** What Exotel puts in {@code end_time} while a call has not ended: the Unix epoch rendered in IST. */
    static final String NO_END_TIME = format(Instant.EPOCH);

    private ExotelTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    static String formatV1(Instant instant) {
        return V1_FORMAT.format(instant);
    }
}
