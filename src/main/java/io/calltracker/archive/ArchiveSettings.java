package io.calltracker.archive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link ArchiveConfig} checked once: a value that makes no sense stops the start-up with a message naming
 * its key (and all the others that are wrong), rather than failing every transfer later.
 */
public record ArchiveSettings(ArchiveConfig config, int partSizeBytes) {

    static final String PREFIX = "tracker.recordings.archive.";
    /** S3 refuses parts under 5 MiB (but the last); a part over 64 MiB is memory no transfer needs. */
    static final int MIN_PART_MIB = 5;
    static final int MAX_PART_MIB = 64;
    static final int MAX_CONCURRENCY = 64;
    static final long MAX_BANDWIDTH = 1_000_000_000L;
    private static final Set<String> ENCRYPTIONS = Set.of("none", "AES256", "aws:kms");

    public static ArchiveSettings of(ArchiveConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.enabled() && config.bucket().filter(b -> !b.isBlank()).isEmpty()) {
            problems.add(PREFIX + "bucket is required when " + PREFIX + "enabled=true");
        }
        within(problems, "concurrency", config.concurrency(), 1, MAX_CONCURRENCY);
        within(problems, "part-size-mib", config.partSizeMib(), MIN_PART_MIB, MAX_PART_MIB);
        within(problems, "max-attempts", config.maxAttempts(), 1, 100);
        within(problems, "max-link-refreshes", config.maxLinkRefreshes(), 0, 10);
        // Up to 1 GB/s: beyond any link, and the most bucket4j refills (one token a nanosecond).
        within(problems, "bandwidth-bytes-per-second", config.bandwidthBytesPerSecond(), 0, MAX_BANDWIDTH);
        if (!ENCRYPTIONS.contains(config.serverSideEncryption())) {
            problems.add(PREFIX + "server-side-encryption must be one of none, AES256, aws:kms, got " + config.serverSideEncryption());
        }
        if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
            problems.add(PREFIX + "access-key-id and " + PREFIX + "secret-access-key go together");
        }
        positive(problems, "retry-delay", config.retryDelay());
        positive(problems, "claim-lease", config.claimLease());
        positive(problems, "claim-interval", config.claimInterval());
        positive(problems, "download-timeout", config.downloadTimeout());
        if (config.retryMaxDelay().compareTo(config.retryDelay()) < 0) {
            problems.add(PREFIX + "retry-max-delay must not be shorter than " + PREFIX + "retry-delay");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ArchiveSettings(config, config.partSizeMib() * 1024 * 1024);
    }

    private static void within(List<String> problems, String key, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(PREFIX + key + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(PREFIX + key + " must be positive, got " + value);
        }
    }
}
