package io.exotelsim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Exotel's timestamp formats: seconds precision, a space instead of ISO's {@code T}, shown in IST; v3
 * writes the offset, v1 and its status callbacks leave it out.
 */
final class ExotelTime {

    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    /**
     * v3's format as Exotel documents it, e.g. {@code 2022-11-03 22:54:40+05:30}. Written out here, not
     * borrowed from the tracker: the stand-in must not share the tracker's reading of the format.
     */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX").withZone(IST);

    private static final DateTimeFormatter V1_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(IST);

    /** v1's format with milliseconds: not Exotel's, for a run that compresses time (see {@link CallbackModel}). */
    private static final DateTimeFormatter V1_MILLIS_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(IST);

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

    static String formatV1Millis(Instant instant) {
        return V1_MILLIS_FORMAT.format(instant);
    }
}
