package io.calltracker.publishing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay: {@code tracker.outbox.*} (env {@code TRACKER_OUTBOX_*}). */
@ConfigMapping(prefix = "tracker.outbox")
public interface OutboxConfig {

    /** Events leased per statement. */
    @WithDefault("200")
    int batchSize();

    /** Pause between two relay rounds. */
    @WithDefault("250ms")
    Duration interval();

    /** How long the relay waits for Kafka to acknowledge a batch; unanswered events are sent again after their lease. */
    @WithDefault("15s")
    Duration sendTimeout();
}
