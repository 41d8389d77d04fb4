package io.calltracker.base;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.util.Optional;

/**
 * The former names of renamed settings ({@link RenamedSettings}), as known keys: start-up refuses any
 * key under {@code tracker.} that no mapping declares, and these must still start the tracker (with a
 * WARN) for one release. Remove a name here when it leaves {@link RenamedSettings#OLD_NAMES}.
 */
@ConfigMapping(prefix = "tracker")
public interface FormerNames {

    @WithName("rate-share-per-minute")
    Optional<String> rateSharePerMinute();

    @WithName("circuit-open-delay")
    Optional<String> circuitOpenDelay();

    @WithName("auth-recheck-interval")
    Optional<String> authRecheckInterval();

    @WithName("intake-max-bytes")
    Optional<String> intakeMaxBytes();

    @WithName("outbox-batch-size")
    Optional<String> outboxBatchSize();

    @WithName("outbox-interval")
    Optional<String> outboxInterval();

    @WithName("outbox-send-timeout")
    Optional<String> outboxSendTimeout();

    @WithName("admin-token")
    Optional<String> adminToken();
}
