package io.exotelsim;

import static io.exotelsim.ApiFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusCallbacksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiFixture sim = new ApiFixture(0);
    private final CallbackCounters counters = new CallbackCounters();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final CallbackReceiver receiver = new CallbackReceiver();
    private final StatusCallbacks callbacks = new StatusCallbacks(sim.clock, scheduler,
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), sim.faults, sim.calls, counters);

    StatusCallbacksTest() throws IOException {
    }

    @AfterEach
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        receiver.close();
    }

    @Test
    void postsAMultipartFormByDefaultOnceTheCallIsTerminal() {
        // Created 2022-11-03 22:54:40 IST; rings 2 s, talks 5 s, post-processing 3 s.
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).customField("order-42")
                .statusCallback(receiver.url(), null));

        terminateAndSchedule(call);

        await().until(() -> counters.snapshot().sent() == 1);
        CallbackReceiver.Received callback = receiver.received().get(0);
        assertThat(callback.method()).isEqualTo("POST");
        assertThat(callback.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(callback.formFields()).containsExactly(
                Map.entry("CallSid", call.sid()),
                Map.entry("Status", "completed"),
                Map.entry("RecordingUrl", call.recordingUrl().orElseThrow()),
                Map.entry("DateUpdated", "2022-11-03 22:54:50"),
                Map.entry("EventType", "terminal"),
                Map.entry("DateCreated", "2022-11-03 22:54:40"),
                Map.entry("To", call.parties().customerNumber()),
                Map.entry("From", call.parties().agentNumber()),
                Map.entry("PhoneNumberSid", "+911414941199"),
                Map.entry("StartTime", "2022-11-03 22:54:42"),
                Map.entry("EndTime", "2022-11-03 22:54:47"),
                Map.entry("ConversationDuration", "5"),
                Map.entry("Direction", "outbound-api"),
                Map.entry("CustomField", "order-42"));
    }

    @Test
    void postsJsonWhenAskedWithNullsForWhatTheCallLacks() throws IOException {
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).status("to_leg_unanswered")
                .direction("inbound").statusCallback(receiver.url(), "application/json"));

        terminateAndSchedule(call);

        await().until(() -> counters.snapshot().sent() == 1);
        CallbackReceiver.Received callback = receiver.received().get(0);
        assertThat(callback.contentType()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(callback.body());
        assertThat(ApiFixture.fieldNames(body)).containsExactly("CallSid", "Status", "RecordingUrl", "DateUpdated",
                "EventType", "DateCreated", "To", "From", "PhoneNumberSid", "StartTime", "EndTime",
                "ConversationDuration", "Direction", "CustomField");
        assertThat(body.get("Status").asText()).isEqualTo("no-answer");
        assertThat(body.get("Direction").asText()).isEqualTo("inbound");
        assertThat(body.get("From").asText()).isEqualTo(call.parties().customerNumber());
        assertThat(body.get("To").asText()).isEqualTo("+911414941199");
        assertThat(body.get("ConversationDuration").isIntegralNumber()).isTrue();
        assertThat(body.get("ConversationDuration").asLong()).isZero();
        assertThat(body.get("RecordingUrl").isNull()).isTrue();
        assertThat(body.get("CustomField").isNull()).isTrue();
    }

    @Test
    void sendsNothingWhenTheDropRateIsOne() {
        sim.update(FaultsUpdate.builder().callbackDropRate(1.0));
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));

        terminateAndSchedule(call);

        await().until(() -> counters.snapshot().dropped() == 1);
        assertThat(receiver.received()).isEmpty();
        assertThat(counters.snapshot().sent()).isZero();
    }

    @Test
    void holdsTheCallbackBackByTheConfiguredDelay() {
        sim.update(FaultsUpdate.builder().callbackDelayMs(300));
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));
        long scheduled = System.nanoTime();

        terminateAndSchedule(call);

        await().until(() -> counters.snapshot().sent() == 1);
        assertThat(Duration.ofNanos(receiver.received().get(0).atNanos() - scheduled))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void countsARejectedOrUnreachableCallbackAsFailedWithoutThrowing() {
        receiver.answerWith(500);
        SimulatedCall rejected = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)
                .statusCallback(receiver.url(), null));
        SimulatedCall unreachable = sim.register(SimulatedCallSpec.forAccount(ACCOUNT)
                .statusCallback("http://127.0.0.1:1/status", "application/json"));

        sim.clock.advance(Duration.ofMinutes(1));
        callbacks.schedule(rejected);
        callbacks.schedule(unreachable);

        await().until(() -> counters.snapshot().failed() == 2);
        assertThat(receiver.received()).hasSize(1);
        assertThat(counters.snapshot().sent()).isZero();
    }

    @Test
    void forgetsTheCallbacksOfCallsNoLongerPlayed() {
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));
        sim.calls.clear();

        terminateAndSchedule(call);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.received().isEmpty() && counters.snapshot().equals(
                        new SimulatorStats.CallbackCounts(0, 0, 0, 0)));
    }

    @Test
    void doesNothingForACallWithoutACallbackUrl() {
        sim.clock.advance(Duration.ofMinutes(1));

        callbacks.schedule(sim.register(SimulatedCallSpec.forAccount(ACCOUNT)));

        assertThat(scheduler.shutdownNow()).isEmpty();
    }

    @Test
    void atTheEndMomentPostsWhenTheCallEndsWithoutTheRecordingYet() {
        callbacks.setModel(new CallbackModel("end", null, null, null, null, null, null, null));
        // Ends 7 s after creation, terminal at 10 s: at 8 s the callback is due, v3 still active.
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));
        sim.clock.advance(Duration.ofSeconds(8));

        callbacks.schedule(call);

        await().until(() -> counters.snapshot().sent() == 1);
        assertThat(call.timeline().phaseAt(sim.clock.instant())).isEqualTo(CallPhase.POST_PROCESSING);
        Map<String, String> fields = receiver.received().get(0).formFields();
        assertThat(fields).containsEntry("EndTime", "2022-11-03 22:54:47")
                .containsEntry("DateUpdated", "2022-11-03 22:54:47")
                .containsEntry("Status", "completed")
                .containsEntry("RecordingUrl", "");
    }

    @Test
    void aCompressedRunCanAskForMilliseconds() {
        callbacks.setModel(new CallbackModel("end", null, null, null, null, null, null, true));
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null)
                .talk(Duration.ofMillis(5_250)));
        sim.clock.advance(Duration.ofSeconds(8));

        callbacks.schedule(call);

        await().until(() -> counters.snapshot().sent() == 1);
        assertThat(receiver.received().get(0).formFields()).containsEntry("EndTime", "2022-11-03 22:54:47.250");
    }

    @Test
    void theTerminalMomentIsStillTheDefault() {
        assertThat(callbacks.model()).isEqualTo(new CallbackModel("terminal", 1.0, 0.0, 0.0, 0L, 0.0, 3_600_000L, false));
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));
        sim.clock.advance(Duration.ofSeconds(8));

        callbacks.schedule(call);

        // Due in 2 s of real time (the scheduler runs on real time); the call is not terminal on the test's clock yet.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> receiver.received().isEmpty());
    }

    @Test
    void sendsNoneOutsideTheShareOrWhenLostAndCountsThemDropped() {
        callbacks.setModel(new CallbackModel(null, 0.0, null, null, null, null, null, null));
        SimulatedCall outside = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));
        terminateAndSchedule(outside);
        callbacks.setModel(new CallbackModel(null, 1.0, 1.0, null, null, null, null, null));
        callbacks.schedule(sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null)
                .ring(Duration.ZERO).talk(Duration.ZERO).postProcessing(Duration.ZERO)));

        await().until(() -> counters.snapshot().dropped() == 2);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aDuplicatedCallbackArrivesTwiceTheCopyAfterTheFirst() {
        callbacks.setModel(new CallbackModel(null, null, null, 1.0, 50L, 0.0, null, null));
        SimulatedCall call = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));

        terminateAndSchedule(call);

        await().until(() -> counters.snapshot().sent() == 2);
        assertThat(counters.snapshot().duplicated()).isEqualTo(1);
        assertThat(receiver.received()).extracting(received -> received.formFields().get("CallSid"))
                .containsExactly(call.sid(), call.sid());
        assertThat(receiver.received().get(1).atNanos() - receiver.received().get(0).atNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
    }

    @Test
    void aLaterCallsCallbackCanOvertakeAnEarlierOnesLateCopy() {
        callbacks.setModel(new CallbackModel(null, null, null, 1.0, 400L, 0.0, null, null));
        SimulatedCall first = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null));
        terminateAndSchedule(first);
        callbacks.setModel(new CallbackModel(null, null, null, null, 100L, 0.0, null, null));
        SimulatedCall second = sim.register(SimulatedCallSpec.forAccount(ACCOUNT).statusCallback(receiver.url(), null)
                .ring(Duration.ZERO).talk(Duration.ZERO).postProcessing(Duration.ZERO));
        callbacks.schedule(second);

        await().until(() -> receiver.received().size() == 3);
        // first at ~400 ms, its copy at ~800 ms; second at ~100 ms: the order of arrival is not the order of calls.
        assertThat(receiver.received()).extracting(received -> received.formFields().get("CallSid"))
                .containsExactly(second.sid(), first.sid(), first.sid());
    }

    @Test
    void delaysFollowTheLognormalCappedAtTheMaximum() {
        CallbackModel model = new CallbackModel(null, null, null, null, 1_000L, 1.0, 5_000L, null);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long[] delays = java.util.stream.IntStream.range(0, 20_000)
                .mapToLong(i -> model.drawDelayMs(random)).sorted().toArray();

        assertThat(delays[0]).isNotNegative();
        assertThat(delays[delays.length - 1]).isEqualTo(5_000);
        assertThat(delays[delays.length / 2]).isBetween(950L, 1_050L);
    }

    @Test
    void refusesAModelOutOfRange() {
        assertThatThrownBy(() -> new CallbackModel("later", null, null, null, null, null, null, null))
                .hasMessageContaining("moment");
        assertThatThrownBy(() -> new CallbackModel(null, 1.5, null, null, null, null, null, null)).hasMessageContaining("share");
        assertThatThrownBy(() -> new CallbackModel(null, null, -0.1, null, null, null, null, null)).hasMessageContaining("lost");
        assertThatThrownBy(() -> new CallbackModel(null, null, null, Double.NaN, null, null, null, null))
                .hasMessageContaining("duplicated");
        assertThatThrownBy(() -> new CallbackModel(null, null, null, null, -1L, null, null, null))
                .hasMessageContaining("delay_median_ms");
        assertThatThrownBy(() -> new CallbackModel(null, null, null, null, null, -1.0, null, null))
                .hasMessageContaining("delay_sigma");
    }

    /** On the test's clock the call is already terminal, so its callback is due at once. */
    private void terminateAndSchedule(SimulatedCall call) {
        sim.clock.advance(Duration.ofSeconds(10));
        callbacks.schedule(call);
    }
}
