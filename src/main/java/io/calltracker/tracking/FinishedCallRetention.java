package io.calltracker.tracking;

import io.calltracker.base.BoundedDuration;
import io.calltracker.base.RetentionAge;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long a finished call's schedule row stays in tracked_call: {@code tracker.retention.finished-calls.*}
 * (env {@code TRACKER_RETENTION_FINISHED_CALLS_*}). Next to {@code tracker.retention.keep-months} (the
 * records) and {@code tracker.retention.sent-events.*} (the outbox).
 */
@ConfigMapping(prefix = "tracker.retention.finished-calls")
public interface FinishedCallRetention {

    /**
     * Age since the call finished after which its schedule row (metadata, last error, claim) is deleted;
     * the admin API shows the call only while its row is kept. In-flight calls are never deleted, and a
     * SID sent again after its row is gone is still refused while its record is kept (call_record). 0 keeps
     * every row; otherwise at least 1h; beyond 36500d taken as 0.
     */
    @WithDefault("30d")
    @WithConverter(Keep.class)
    Duration keep();

    /** Pause between two purge passes of an instance. At least 1s; above 365d taken as 365d. */
    @WithDefault("5m")
    @WithConverter(PurgeInterval.class)
    Duration purgeInterval();

    final class Keep extends RetentionAge {
        public Keep() {
            super("tracker.retention.finished-calls.keep");
        }
    }

    final class PurgeInterval extends BoundedDuration {
        public PurgeInterval() {
            super("tracker.retention.finished-calls.purge-interval", Duration.ofSeconds(1),
                    "at least 1s (each pass is a query; a shorter pause only adds load)");
        }
    }
}
