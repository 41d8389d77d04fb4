package io.calltracker.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * Test profile: recording archival on, into bucket {@value #BUCKET} of the tests' S3 server ({@link LocalS3}),
 * emptied when the profile's application starts; the smallest part S3 takes (5 MiB) and quick retries. A
 * profile rather than a test resource: resources annotated on a class apply to every test application, and
 * archival must stay off in the others.
 */
public class ArchiveOn implements QuarkusTestProfile {

    public static final String BUCKET = "archive-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        LocalS3.createEmptyBucket(BUCKET);
        Map<String, String> config = new HashMap<>(LocalS3.trackerSettings(BUCKET));
        config.put("tracker.recordings.archive.part-size-mib", "5");
        config.put("tracker.recordings.archive.claim-interval", "200ms");
        config.put("tracker.recordings.archive.retry-delay", "200ms");
        config.put("tracker.recordings.archive.retry-max-delay", "1s");
        config.put("tracker.recordings.archive.max-attempts", "3");
        return config;
    }
}
