package io.calltracker.tracking;

import io.calltracker.base.BoundedCount;

/** tracker.claim-batch-size: at least 1 (0 would claim nothing, ever); more than 10,000 a statement is taken as 10,000. */
public final class ClaimBatchSizeSetting extends BoundedCount {

    public ClaimBatchSizeSetting() {
        super("tracker.claim-batch-size", 1, 10_000, "at least 1 (0 would never claim a call)");
    }
}
