package io.calltracker.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link TrackerTestResources} with recording archival on, into bucket {@value #BUCKET} of the tests' S3 server
 * ({@link LocalS3}), emptied for each tracker application started; the smallest part S3 takes (5 MiB), and
 * quick retries.
 */
public class ArchiveTestResources extends TrackerTestResources {

    public static final String BUCKET = "archive-test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        LocalS3.createEmptyBucket(BUCKET);
        config.putAll(LocalS3.trackerSettings(BUCKET));
        config.put("tracker.recordings.archive.part-size-mib", "5");
        config.put("tracker.recordings.archive.claim-interval", "200ms");
        config.put("tracker.recordings.archive.retry-delay", "200ms");
        config.put("tracker.recordings.archive.retry-max-delay", "1s");
        config.put("tracker.recordings.archive.max-attempts", "3");
        return config;
    }
}
