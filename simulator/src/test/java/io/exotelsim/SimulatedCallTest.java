package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedCallTest {

    // 2022-11-03 22:54:40.300+05:30, the vendor example's creation time plus a fraction of a second
    private static final Instant CREATED = Instant.parse("2022-11-03T17:24:40.300Z");
    private static final String ACCOUNT = "exotel1";
    private static final String SID = "cabfb1dfa8c5e1c7f2c458423b7716b3";

    @Nested
    class AnsweredCall {

        private final SimulatedCall call = SimulatedCall.from(SimulatedCallSpec.forAccount(ACCOUNT)
                .sid(SID)
                .ring(Duration.ofSeconds(17))
                .talk(Duration.ofSeconds(67))
                .postProcessing(Duration.ofSeconds(30))
                .customField("order-42")
                .build(), CREATED);

        @Test
        void whileRingingShowsOnlyTheEarlyKeysWithTheEndTimeSentinel() {
            Map<String, Object> details = detailsAt(call, 5);

            assertThat(details.keySet()).containsExactly("sid", "direction", "virtual_number", "state", "status",
                    "created_time", "updated_time", "start_time", "end_time");
            assertThat(details)
                    .containsEntry("sid", SID)
                    .containsEntry("direction", "outbound")
                    .containsEntry("virtual_number", "+911414941199")
                    .containsEntry("state", "active")
                    .containsEntry("status", null)
                    .containsEntry("created_time", "2022-11-03 22:54:40+05:30")
                    .containsEntry("updated_time", "2022-11-03 22:54:40+05:30")
                    .containsEntry("start_time", null)
                    .containsEntry("end_time", "1970-01-01 05:30:00+05:30");
        }

        @Test
        void whileTalkingHasAStartTimeButStillTheSentinel() {
            Map<String, Object> details = detailsAt(call, 18);

            assertThat(details)
                    .containsEntry("state", "active")
                    .containsEntry("status", null)
                    .containsEntry("updated_time", "2022-11-03 22:54:57+05:30")
                    .containsEntry("start_time", "2022-11-03 22:54:57+05:30")
                    .containsEntry("end_time", "1970-01-01 05:30:00+05:30")
                    .doesNotContainKeys("total_duration", "recordings", "legs");
        }

        @Test
        void duringPostProcessingHasARealEndTimeButIsStillActiveWithNullTotals() {
            Map<String, Object> details = detailsAt(call, 90);

            assertThat(details)
                    .containsEntry("state", "active")
                    .containsEntry("status", null)
                    .containsEntry("updated_time", "2022-11-03 22:56:04+05:30")
                    .containsEntry("end_time", "2022-11-03 22:56:04+05:30")
                    .containsEntry("legs", null)
                    .containsEntry("total_duration", null)
                    .containsEntry("total_talk_time", null)
                    .containsEntry("recordings", null)
                    .containsEntry("custom_field", "order-42");
        }

        @Test
        void onceTerminalHasEveryFieldInTheVendorsOrder() {
            Map<String, Object> details = detailsAt(call, 114);

            assertThat(details.keySet()).containsExactly("sid", "direction", "virtual_number", "state", "status",
                    "legs", "created_time", "updated_time", "start_time", "end_time", "total_duration",
                    "total_talk_time", "custom_field", "app_id", "app_name", "digits", "recordings");
            assertThat(details)
                    .containsEntry("state", "terminal")
                    .containsEntry("status", "completed")
                    .containsEntry("legs", "/v3/accounts/exotel1/calls/" + SID + "/legs")
                    .containsEntry("updated_time", "2022-11-03 22:56:34+05:30")
                    .containsEntry("start_time", "2022-11-03 22:54:57+05:30")
                    .containsEntry("end_time", "2022-11-03 22:56:04+05:30")
                    .containsEntry("total_duration", 84L)
                    .containsEntry("total_talk_time", 67L)
                    .containsEntry("app_id", null)
                    .containsEntry("digits", null);
            assertThat(recordingUrls(details)).singleElement().asString()
                    .matches("https://s3-ap-south-1\\.amazonaws\\.com/exotel-mum1-recordings/exotel1/" + SID
                            + "\\.mp3\\?X-Amz-Expires=3600&X-Amz-Signature=[0-9a-f]{64}");
        }

        @Test
        void becomesTerminalExactlyAtTheAnnouncedInstant() {
            assertThat(call.terminalAt()).isEqualTo(CREATED.plusSeconds(114));
            assertThat(call.detailsAt(call.terminalAt().minusMillis(1)).orElseThrow().fields())
                    .containsEntry("state", "active");
            assertThat(call.detailsAt(call.terminalAt()).orElseThrow().fields())
                    .containsEntry("state", "terminal");
        }
    }

    @Nested
    class UnansweredCall {

        private final SimulatedCall call = SimulatedCall.from(SimulatedCallSpec.forAccount(ACCOUNT)
                .sid(SID)
                .status("to_leg_unanswered")
                .ring(Duration.ofSeconds(30))
                .talk(Duration.ofSeconds(60))
                .postProcessing(Duration.ofSeconds(5))
                .digits("1-4-#")
                .build(), CREATED);

        @Test
        void neverTalksAndEndsWhenTheRingingStops() {
            Map<String, Object> details = detailsAt(call, 31);

            assertThat(details)
                    .containsEntry("state", "active")
                    .containsEntry("status", null)
                    .containsEntry("start_time", "2022-11-03 22:55:10+05:30")
                    .containsEntry("end_time", "2022-11-03 22:55:10+05:30")
                    .containsEntry("total_talk_time", null);
        }

        @Test
        void terminatesWithNoTalkTimeAndNoRecordings() {
            Map<String, Object> details = detailsAt(call, 35);

            assertThat(details)
                    .containsEntry("state", "terminal")
                    .containsEntry("status", "to_leg_unanswered")
                    .containsEntry("total_duration", 30L)
                    .containsEntry("total_talk_time", 0L)
                    .containsEntry("digits", "1-4-#")
                    .containsEntry("recordings", List.of());
        }
    }

    @Test
    void isNotFoundJustAfterCreationWhileInvisible() {
        SimulatedCall call = SimulatedCall.from(
                SimulatedCallSpec.forAccount(ACCOUNT).invisible(Duration.ofSeconds(1)).build(), CREATED);

        assertThat(call.detailsAt(CREATED.plusMillis(999))).isEmpty();
        assertThat(call.detailsAt(CREATED.plusSeconds(1))).isPresent();
    }

    @Test
    void servesAnUnknownStatusAsIs() {
        SimulatedCall call = SimulatedCall.from(
                SimulatedCallSpec.forAccount(ACCOUNT).status("busy_everywhere").build(), CREATED);

        assertThat(call.detailsAt(call.terminalAt()).orElseThrow().fields())
                .containsEntry("status", "busy_everywhere")
                .containsEntry("recordings", List.of());
    }

    @Test
    void appliesTheDocumentedDefaults() {
        SimulatedCall call = SimulatedCall.from(SimulatedCallSpec.forAccount(ACCOUNT).build(), CREATED);

        assertThat(call.sid()).matches("[0-9a-f]{32}");
        assertThat(call.terminalAt()).isEqualTo(CREATED.plusSeconds(2 + 5 + 3));
        assertThat(recordingUrls(call.detailsAt(call.terminalAt()).orElseThrow().fields())).hasSize(1);
    }

    @Test
    void givesEachOfSeveralRecordingsItsOwnUrl() {
        SimulatedCall call = SimulatedCall.from(
                SimulatedCallSpec.forAccount(ACCOUNT).sid(SID).recordings(2).build(), CREATED);

        assertThat(recordingUrls(call.detailsAt(call.terminalAt()).orElseThrow().fields()))
                .hasSize(2)
                .doesNotHaveDuplicates()
                .allMatch(url -> url.contains("/exotel1/" + SID));
    }

    @Test
    void rejectsASpecWithoutAccountOrWithNegativeDurations() {
        assertThatThrownBy(() -> SimulatedCall.from(SimulatedCallSpec.forAccount(" ").build(), CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account_sid");
        assertThatThrownBy(() -> SimulatedCall.from(
                SimulatedCallSpec.forAccount(ACCOUNT).ring(Duration.ofSeconds(-1)).build(), CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ring_ms");
    }

    @Test
    void rejectsAStatusCallbackThatIsNotAnHttpUrlOrInAnotherFormat() {
        for (String url : List.of("ftp://example.com/cb", "not a url", "/relative", "http:opaque")) {
            assertThatThrownBy(() -> SimulatedCall.from(
                    SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(url, null).build(), CREATED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("status_callback_url");
        }
        assertThatThrownBy(() -> SimulatedCall.from(SimulatedCallSpec.forAccount(ACCOUNT)
                .statusCallback("https://example.com/cb", "text/xml").build(), CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("status_callback_content_type");
        assertThat(SimulatedCall.from(SimulatedCallSpec.forAccount(ACCOUNT)
                .statusCallback("https://example.com/cb?token=x", null).build(), CREATED).statusCallback())
                .contains(new StatusCallbackTarget(URI.create("https://example.com/cb?token=x"),
                        "multipart/form-data"));
    }

    private static Map<String, Object> detailsAt(SimulatedCall call, int secondsAfterCreation) {
        return call.detailsAt(CREATED.plusSeconds(secondsAfterCreation)).orElseThrow().fields();
    }

    @SuppressWarnings("unchecked")
    private static List<String> recordingUrls(Map<String, Object> details) {
        return ((List<Map<String, String>>) details.get("recordings")).stream().map(r -> r.get("url")).toList();
    }
}
