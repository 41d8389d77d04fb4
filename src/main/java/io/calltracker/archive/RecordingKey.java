package io.calltracker.archive;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The object key of a recording: {@code <prefix>/<account>/<yyyy>/<mm>/<dd>/<call_sid>/<n>.<ext>}, the date
 * being the call's creation day in UTC and {@code n} its 1-based place in the call's recordings. Decided
 * once, when the job is written, so every attempt and every re-archive writes the same key.
 */
final class RecordingKey {

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,5}");
    private static final String FALLBACK_EXTENSION = "bin";

    private RecordingKey() {
    }

    static String of(String prefix, String accountSid, OffsetDateTime createdTime, String callSid, int index, String url) {
        OffsetDateTime day = createdTime.withOffsetSameInstant(ZoneOffset.UTC);
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        return (trimmed.isEmpty() ? "" : trimmed + "/") + accountSid + "/"
                + String.format(Locale.ROOT, "%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth())
                + callSid + "/" + index + "." + extension(url);
    }

    /** From the link's path ({@code ….mp3?X-Amz-…}); anything odd becomes "bin" rather than part of a key. */
    static String extension(String url) {
        try {
            String path = url == null ? null : URI.create(url).getPath();
            if (path != null) {
                int dot = path.lastIndexOf('.');
                if (dot > path.lastIndexOf('/')) {
                    String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
                    if (EXTENSION.matcher(ext).matches()) {
                        return ext;
                    }
                }
            }
        } catch (IllegalArgumentException malformed) {
            // A link we cannot parse still gets archived; only its key is plainer.
        }
        return FALLBACK_EXTENSION;
    }

    /** A content type for the object when the link's answer names none. */
    static String contentTypeOf(String key) {
        return switch (key.substring(key.lastIndexOf('.') + 1)) {
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "ogg" -> "audio/ogg";
            default -> "application/octet-stream";
        };
    }
}
