package io.calltracker.archive;

import io.calltracker.testing.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad archive settings stop the start-up with a message naming each bad key. */
class ArchiveSettingsTest {

    @Test
    void theDefaultsAreOffAndValid() {
        ArchiveSettings settings = ArchiveSettings.of(ConfigMappings.read(ArchiveConfig.class, Map.of()));

        assertThat(settings.config().enabled()).isFalse();
        assertThat(settings.partSizeBytes()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void archivalOnNeedsABucket() {
        assertThatThrownBy(() -> settings(Map.of("tracker.recordings.archive.enabled", "true")))
                .hasMessageContaining("tracker.recordings.archive.bucket is required");
    }

    @Test
    void refusesNumbersThatMakeNoSense() {
        assertThatThrownBy(() -> settings(Map.of(
                "tracker.recordings.archive.concurrency", "0",
                "tracker.recordings.archive.part-size-mib", "4",
                "tracker.recordings.archive.max-attempts", "0",
                "tracker.recordings.archive.max-link-refreshes", "-1",
                "tracker.recordings.archive.bandwidth-bytes-per-second", "-5",
                "tracker.recordings.archive.retry-delay", "0s")))
                .hasMessageContaining("tracker.recordings.archive.concurrency must be between 1 and 64, got 0")
                .hasMessageContaining("tracker.recordings.archive.part-size-mib must be between 5 and 64, got 4")
                .hasMessageContaining("tracker.recordings.archive.max-attempts")
                .hasMessageContaining("tracker.recordings.archive.max-link-refreshes")
                .hasMessageContaining("tracker.recordings.archive.bandwidth-bytes-per-second")
                .hasMessageContaining("tracker.recordings.archive.retry-delay must be positive");
        assertThatThrownBy(() -> settings(Map.of("tracker.recordings.archive.part-size-mib", "65")))
                .hasMessageContaining("part-size-mib must be between 5 and 64, got 65");
        assertThatThrownBy(() -> settings(Map.of("tracker.recordings.archive.concurrency", "100000")))
                .hasMessageContaining("concurrency must be between 1 and 64");
        assertThatThrownBy(() -> settings(Map.of("tracker.recordings.archive.bandwidth-bytes-per-second",
                String.valueOf(Long.MAX_VALUE)))).hasMessageContaining("bandwidth-bytes-per-second must be between 0 and");
    }

    @Test
    void refusesAnUnknownEncryptionAndHalfACredential() {
        assertThatThrownBy(() -> settings(Map.of("tracker.recordings.archive.server-side-encryption", "aes")))
                .hasMessageContaining("server-side-encryption must be one of none, AES256, aws:kms, got aes");
        assertThatThrownBy(() -> settings(Map.of("tracker.recordings.archive.access-key-id", "key")))
                .hasMessageContaining("access-key-id and tracker.recordings.archive.secret-access-key go together");
    }

    private static ArchiveSettings settings(Map<String, String> values) {
        return ArchiveSettings.of(ConfigMappings.read(ArchiveConfig.class, values));
    }
}
