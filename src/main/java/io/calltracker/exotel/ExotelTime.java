package io.calltracker.exotel;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Exotel's timestamps: {@code 2022-11-03 22:54:40+05:30} — a space instead of ISO's 'T', so the
 * default {@link OffsetDateTime#parse} rejects them. While a call is active its end_time is the
 * Unix epoch shown in IST ({@code 1970-01-01 05:30:00+05:30}), which means "no end time yet".
 */
public final class ExotelTime {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
    /** Whole seconds as Exotel sends them; a fraction (a time-compressed simulator sends milliseconds) is read too. */
    private static final DateTimeFormatter V1_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

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

    /**
     * A v1 time ({@code yyyy-MM-dd HH:mm:ss}, taken as IST), or null when missing.
     *
     * @throws DateTimeException when it is not such a time
     */
    public static OffsetDateTime parseV1(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return LocalDateTime.parse(text.trim(), V1_FORMAT).atOffset(IST);
    }

    /**
     * A v1 time as a hint ({@code 2022-11-03 22:56:04}: no offset, IST in practice), e.g. a status callback's
     * {@code EndTime}; empty when missing or unreadable, since such a field is a hint, never the record.
     */
    public static Optional<Instant> v1Hint(String text) {
        try {
            return Optional.ofNullable(parseV1(text)).map(OffsetDateTime::toInstant);
        } catch (DateTimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Whether a record can hold the time: missing, the sentinel, or a time that parses with a year from
     * 1 to 9999 (beyond, PostgreSQL's timestamptz or ISO-8601 consumers of the event would refuse it).
     */
    public static boolean storable(String text) {
        try {
            OffsetDateTime time = parse(text);
            return time == null || (time.getYear() >= 1 && time.getYear() <= 9999);
        } catch (DateTimeException notATime) {
            return false;
        }
    }
}
