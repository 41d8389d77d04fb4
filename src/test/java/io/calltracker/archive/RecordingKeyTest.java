package io.calltracker.archive;

import io.calltracker.testing.HostileInputs;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingKeyTest {

    private static final OffsetDateTime LATE_EVENING_IN_INDIA = OffsetDateTime.parse("2026-12-02T02:30:00+05:30");

    @Test
    void laysKeysOutByAccountUtcDayCallAndPlace() {
        assertThat(RecordingKey.of("/recordings/", "acc", LATE_EVENING_IN_INDIA, "sid1", 2,
                "https://s3-ap-south-1.amazonaws.com/bucket/acc/sid1.mp3?X-Amz-Expires=3600&X-Amz-Signature=ab"))
                .isEqualTo("recordings/acc/2026/12/01/sid1/2.mp3");
        assertThat(RecordingKey.of("", "acc", LATE_EVENING_IN_INDIA, "sid1", 1, "http://h/x/1.WAV?expires=1"))
                .isEqualTo("acc/2026/12/01/sid1/1.wav");
    }

    @Test
    void whateverTheLinkTheKeyTakesNothingButAPlainExtensionFromIt() {
        HostileInputs.forAll(2000, in -> {
            String link = in.chance(0.5) ? "https://h/p/" + in.anyString(20) + "?" + in.anyString(20) : in.anyString(60);
            String key = RecordingKey.of("recordings", "acc", LATE_EVENING_IN_INDIA, "sid1", 1, link);
            assertThat(key).matches("recordings/acc/2026/12/01/sid1/1\\.([a-z0-9]{1,5})");
            assertThat(RecordingKey.contentTypeOf(key)).matches("[a-z]+/[a-z.-]+");
        });
    }
}
