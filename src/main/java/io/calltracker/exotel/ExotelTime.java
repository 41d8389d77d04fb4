package io.calltracker.exotel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Exotel's timestamps: {@code 2022-11-03 22:54:40+05:30} — a space instead of ISO's 'T', so the
 * default {@link OffsetDateTime#parse} rejects them. While a call is active its end_time is the
 * Unix epoch shown in IST ({@code 1970-01-01 05:30:00+05:30}), which means "no end time yet".
 */
public final class ExotelTime {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private ExotelTime() {
    }

    /** The time with Exotel's offset, or null for a missing value and for the epoch sentinel. */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text.trim(), FORMAT);
        } catch (DateTimeParseException e) {
            // Lenient on what Exotel might also send: ISO-8601 with 'T'.
            time = OffsetDateTime.parse(text.trim());
        }
        return time.toInstant().equals(Instant.EPOCH) ? null : time;
    }
}
