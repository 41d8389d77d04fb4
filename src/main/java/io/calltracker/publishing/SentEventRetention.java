package io.calltracker.publishing;

import io.calltracker.base.BoundedDuration;
import io.calltracker.base.RetentionAge;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long sent completion events stay in outbox_event: {@code tracker.retention.sent-events.*}
 * (env {@code TRACKER_RETENTION_SENT_EVENTS_*}). Next to {@code tracker.retention.keep-months} (the
 * records) and {@code tracker.retention.finished-calls.*} (the schedule rows).
 */
@ConfigMapping(prefix = "tracker.retention.sent-events")
public interface SentEventRetention {

    /**
     * Age since Kafka acknowledged an event after which its row (and payload: pre-signed recording URLs,
     * phone numbers) is deleted; an operator can replay an event only while its row is kept. Unsent rows
     * are never deleted. 0 keeps every row; otherwise at least 1h; beyond 36500d taken as 0.
     */
    @WithDefault("7d")
    @WithConverter(Keep.class)
    Duration keep();

    /** Pause between two purge passes of an instance. At least 1s; above 365d taken as 365d. */
    @WithDefault("5m")
    @WithConverter(PurgeInterval.class)
    Duration purgeInterval();

    final class Keep extends RetentionAge {
        public Keep() {
            super("tracker.retention.sent-events.keep");
        }
    }

    final class PurgeInterval extends BoundedDuration {
        public PurgeInterval() {
            super("tracker.retention.sent-events.purge-interval", Duration.ofSeconds(1),
                    "at least 1s (each pass is a query; a shorter pause only adds load)");
        }
    }
}
