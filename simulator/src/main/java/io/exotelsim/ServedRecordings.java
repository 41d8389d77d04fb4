package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A call's recordings served as bytes (field {@code served_recordings} of {@code POST /simulator/calls}):
 * each recording is a generated WAV file of {@code bytes} bytes, behind a signed link that the v3 API hands out
 * afresh on every request and that works for {@code link_ttl_ms}; the first {@code expired_links} links v3
 * hands out are dead already (as a link that expired before the client got to it). Without this field a
 * call's recordings are links to Exotel's bucket that nothing serves.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServedRecordings(Long bytes, Long linkTtlMs, Integer expiredLinks) {

    static final long DEFAULT_BYTES = 32 * 1024;
    static final long DEFAULT_LINK_TTL_MS = 3_600_000;
    /** Big enough for the tracker's 50 MB memory test, small enough that a typo cannot fill a disk or a wire. */
    static final long MAX_BYTES = 1L << 30;

    /** @throws IllegalArgumentException naming the field that is out of range */
    void validate() {
        bytesOrDefault();
        linkTtlMsOrDefault();
        expiredLinksOrDefault();
    }

    long bytesOrDefault() {
        long value = bytes == null ? DEFAULT_BYTES : bytes;
        if (value < 0 || value > MAX_BYTES) {
            throw new IllegalArgumentException("served_recordings.bytes must be between 0 and " + MAX_BYTES);
        }
        return value;
    }

    long linkTtlMsOrDefault() {
        long value = linkTtlMs == null ? DEFAULT_LINK_TTL_MS : linkTtlMs;
        if (value < 0) {
            throw new IllegalArgumentException("served_recordings.link_ttl_ms must not be negative");
        }
        return value;
    }

    int expiredLinksOrDefault() {
        int value = expiredLinks == null ? 0 : expiredLinks;
        if (value < 0) {
            throw new IllegalArgumentException("served_recordings.expired_links must not be negative");
        }
        return value;
    }
}
