package io.calltracker.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Recording archival: {@code tracker.recordings.archive.*} (env {@code TRACKER_RECORDINGS_ARCHIVE_*}). Off by
 * default. {@link ArchiveSettings} checks the values at start-up, naming the key of a bad one.
 */
@ConfigMapping(prefix = "tracker.recordings.archive")
public interface ArchiveConfig {

    /** Copy every recording of a finished call into the bucket. */
    @WithDefault("false")
    boolean enabled();

    /** The bucket; required when enabled. */
    Optional<String> bucket();

    /** Prepended to every object key (no leading or trailing slash needed). */
    @WithDefault("recordings")
    String prefix();

    /** The S3 API's region (any value for MinIO, Ceph, s3proxy; "auto" for R2). */
    @WithDefault("us-east-1")
    String region();

    /** An S3-compatible endpoint (MinIO, Ceph, R2, GCS); unset means AWS S3 of the region. */
    Optional<String> endpoint();

    /** Bucket in the path, not the host name: what MinIO, Ceph and most self-hosted stores need. */
    @WithDefault("false")
    boolean pathStyle();

    /** With the secret key; unset means the AWS SDK's default chain (env, profile, web identity, instance role). */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Server-side encryption: none, AES256 or aws:kms. */
    @WithDefault("none")
    String serverSideEncryption();

    /** The KMS key for aws:kms; unset means the bucket's default key. */
    Optional<String> kmsKeyId();

    /** Recordings copied at the same time by one instance; each holds one part buffer. */
    @WithDefault("2")
    int concurrency();

    /** Size of an upload part, and so of each transfer's memory; S3 takes at least 5MiB (but the last part). */
    @WithDefault("8")
    int partSizeMib();

    /** Bytes per second all transfers of an instance may read from Exotel together; 0 means no limit. */
    @WithDefault("0")
    long bandwidthBytesPerSecond();

    /** Attempts per recording before it ends failed (or expired, when its link was the trouble). */
    @WithDefault("6")
    int maxAttempts();

    /** Fresh links fetched from the v3 Call Details API per recording when its link answers 403/404/410. */
    @WithDefault("1")
    int maxLinkRefreshes();

    /** Keep the expiring links in call_record.recordings once archived; false replaces them by the object keys. */
    @WithDefault("true")
    boolean keepLinks();

    /** First retry delay; doubles per attempt up to {@link #retryMaxDelay()}. */
    @WithDefault("5s")
    Duration retryDelay();

    @WithDefault("5m")
    Duration retryMaxDelay();

    /** How long a claimed recording is owned; a transfer renews it after each part, so it only bounds a crash's wait. */
    @WithDefault("2m")
    Duration claimLease();

    /** How often an idle instance looks for recordings to copy. */
    @WithDefault("1s")
    Duration claimInterval();

    /** Connecting to, and waiting for bytes from, the recording link. */
    @WithDefault("10s")
    Duration downloadTimeout();
}
