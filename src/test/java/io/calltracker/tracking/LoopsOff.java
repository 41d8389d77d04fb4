package io.calltracker.tracking;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The tracker without its own loops (tracker.enabled=false): the test drives claims, polls and expiry
 * passes itself, and no background round takes a call from under it. Claims come two at a time, so a
 * few calls make several batches.
 */
public class LoopsOff implements QuarkusTestProfile {

    /** tracker.claim-batch-size here. */
    static final int BATCH = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tracker.enabled", "false", "tracker.claim-batch-size", Integer.toString(BATCH));
    }
}
