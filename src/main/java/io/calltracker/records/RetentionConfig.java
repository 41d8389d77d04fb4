package io.calltracker.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How far ahead call_record's monthly partitions are made and how long they are kept. */
@ConfigMapping(prefix = "tracker.retention")
public interface RetentionConfig {

    /** Partitions are made for the current month and this many following ones. */
    @WithDefault("3")
    int monthsAhead();

    /**
     * Whole months kept before the current one; older partitions are dropped. 0 keeps every record
     * forever.
     */
    @WithDefault("0")
    int keepMonths();
}
