package io.calltracker.records;

import io.calltracker.base.BoundedCount;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** How far ahead call_record's monthly partitions are made and how long they are kept. */
@ConfigMapping(prefix = "tracker.retention")
public interface RetentionConfig {

    /** Partitions are made for the current month and this many following ones: 1 to 24 (more is taken as 24). */
    @WithDefault("3")
    @WithConverter(MonthsAhead.class)
    int monthsAhead();

    /**
     * Whole months kept before the current one; older partitions are dropped. 0 keeps every record
     * forever; negative stops the start-up; above 1200 (a century) is taken as 1200.
     */
    @WithDefault("0")
    @WithConverter(KeepMonths.class)
    int keepMonths();

    /**
     * At least 1: the next month's partition must exist before its first record. Each month ahead is a
     * table made at start-up, so more than 24 is taken as 24.
     */
    final class MonthsAhead extends BoundedCount {
        public MonthsAhead() {
            super("tracker.retention.months-ahead", 1, 24,
                    "at least 1 (the next month's partition must exist before its first record)");
        }
    }

    /** 0 or more: a negative value read as "keep forever" would hide a typo. A century is forever enough. */
    final class KeepMonths extends BoundedCount {
        public KeepMonths() {
            super("tracker.retention.keep-months", 0, 1200, "0 (keep every record) or more");
        }
    }
}
