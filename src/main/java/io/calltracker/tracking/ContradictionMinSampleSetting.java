package io.calltracker.tracking;

import io.calltracker.base.BoundedCount;

/**
 * tracker.bulk.contradiction-min-sample: at least 1; more than the checks an account's window keeps
 * ({@link ModelWatch#MAX_KEPT}) could never be reached, so it is taken as that.
 */
public final class ContradictionMinSampleSetting extends BoundedCount {

    public ContradictionMinSampleSetting() {
        super("tracker.bulk.contradiction-min-sample", 1, ModelWatch.MAX_KEPT, "at least 1");
    }
}
