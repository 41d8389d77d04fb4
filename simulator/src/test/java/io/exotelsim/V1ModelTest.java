package io.exotelsim;

import static io.exotelsim.ApiFixture.ACCOUNT;
import static io.exotelsim.ApiFixture.AUTH;
import static io.exotelsim.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What each v1 model shows of one call over its life: ringing, talking, post-processing, terminal. */
class V1ModelTest {

    // Rings 2 s, talks 65 s (ends at 67 s), post-processing 30 s (terminal at 97 s).
    private static final Duration END = Duration.ofSeconds(67);
    private static final Duration TERMINAL = Duration.ofSeconds(97);

    private final ApiFixture sim = new ApiFixture(0);

    @Test
    void listedAtEndIsTheDefaultListsFromTheEndAndFillsEndTimeOnlyWhenV3IsTerminal() {
        SimulatedCall call = sim.register(call());

        List<String> life = lifeOf(call);

        assertThat(sim.v1Model.current().model()).isEqualTo(V1Model.LISTED_AT_END);
        assertThat(life).containsExactly("absent", "absent", "listed, empty", "listed, empty", "listed, filled",
                "listed, filled");
    }

    @Test
    void endTimeAtEndFillsEndTimeDurationAndPriceAtTheEndWhileV3StaysActive() {
        sim.v1Model.update(new V1ModelSetting.Update(V1Model.ENDTIME_AT_END, null));
        SimulatedCall call = sim.register(call());

        List<String> life = lifeOf(call);

        assertThat(life).containsExactly("absent", "absent", "listed, filled", "listed, filled", "listed, filled",
                "listed, filled");
        sim.clock.set(call.timeline().created().plus(END).plusSeconds(5));
        JsonNode listed = json(sim.bulk.calls(ACCOUNT, call.sid(), AUTH)).at("/Calls/0");
        assertThat(listed.get("Duration").asText()).isEqualTo("67");
        assertThat(listed.get("RecordingUrl").isNull()).as("the recording waits for the terminal moment").isTrue();
        assertThat(json(sim.callDetails.callDetails(ACCOUNT, call.sid(), AUTH)).at("/response/call_details/state").asText())
                .isEqualTo("active");
    }

    @Test
    void listedWhenTerminalLeavesTheCallOutUntilV3IsTerminalAndItsLagHasPassed() {
        sim.v1Model.update(new V1ModelSetting.Update(V1Model.LISTED_WHEN_TERMINAL, 20_000L));
        SimulatedCall call = sim.register(call());
        long lag = sim.v1Model.current().lagMs(call.sid());
        Instant terminal = call.timeline().created().plus(TERMINAL);

        List<String> life = lifeOf(call);
        sim.clock.set(terminal.plusMillis(lag).minusMillis(1));
        String justBefore = seen(call);
        sim.clock.set(terminal.plusMillis(lag));
        String atLag = seen(call);

        assertThat(life.subList(0, 4)).containsOnly("absent");
        assertThat(justBefore).isEqualTo(lag == 0 ? "listed, filled" : "absent");
        assertThat(atLag).isEqualTo("listed, filled");
        assertThat(life.get(5)).isEqualTo("listed, filled");
    }

    @Test
    void eachCallHasItsOwnLagWithinTheMaximumAndTheSameOnEveryRequest() {
        V1Listing listing = new V1Listing(V1Model.LISTED_WHEN_TERMINAL, 60_000);
        List<Long> lags = IntStream.range(0, 2000).mapToObj(i -> listing.lagMs("call" + i)).toList();

        assertThat(lags).allSatisfy(lag -> assertThat(lag).isBetween(0L, 60_000L));
        assertThat(lags.stream().distinct().count()).isGreaterThan(1500);
        assertThat(lags.stream().mapToLong(Long::longValue).average().orElseThrow()).isBetween(25_000.0, 35_000.0);
        assertThat(listing.lagMs("call7")).isEqualTo(listing.lagMs("call7"));
        assertThat(new V1Listing(V1Model.LISTED_WHEN_TERMINAL, 0).lagMs("call7")).isZero();
    }

    @Test
    void theVendorsSixtySecondsAreCompressedByTheTimeScale() {
        assertThat(V1Listing.initial(V1Model.LISTED_WHEN_TERMINAL, 30).maxLagMs()).isEqualTo(2000);
        assertThat(V1Listing.initial(V1Model.LISTED_AT_END, 1).maxLagMs()).isEqualTo(60_000);
    }

    @Test
    void anUpdateChangesOnlyTheFieldsItNamesAndRefusesUnknownModelsAndNegativeLags() throws Exception {
        sim.v1Model.update(new V1ModelSetting.Update(null, 5000L));
        V1Listing changed = sim.v1Model.update(new V1ModelSetting.Update(V1Model.ENDTIME_AT_END, null));
        V1ModelSetting.Update parsed = new ObjectMapper().readValue(
                "{\"model\":\"listed-when-terminal\",\"max_lag_ms\":1500}", V1ModelSetting.Update.class);

        assertThat(changed).isEqualTo(new V1Listing(V1Model.ENDTIME_AT_END, 5000));
        assertThat(parsed).isEqualTo(new V1ModelSetting.Update(V1Model.LISTED_WHEN_TERMINAL, 1500L));
        assertThat(new ObjectMapper().writeValueAsString(changed)).isEqualTo("{\"model\":\"endtime-at-end\",\"max_lag_ms\":5000}");
        assertThatThrownBy(() -> V1Model.of("listed-sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed-at-end");
        assertThatThrownBy(() -> sim.v1Model.update(new V1ModelSetting.Update(null, -1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.v1Model.update(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.v1Model.current()).isEqualTo(changed);
    }

    private static SimulatedCallSpec.Builder call() {
        return SimulatedCallSpec.forAccount(ACCOUNT).talk(Duration.ofSeconds(65)).postProcessing(Duration.ofSeconds(30));
    }

    /** v1's view at: ringing, talking, just ended, in post-processing, terminal, a minute and more after. */
    private List<String> lifeOf(SimulatedCall call) {
        Instant created = call.timeline().created();
        List<String> seen = new ArrayList<>();
        for (Duration at : List.of(Duration.ofSeconds(1), Duration.ofSeconds(30), END, END.plusSeconds(10), TERMINAL,
                TERMINAL.plusSeconds(61))) {
            sim.clock.set(created.plus(at));
            seen.add(seen(call));
        }
        return seen;
    }

    private String seen(SimulatedCall call) {
        JsonNode calls = json(sim.bulk.calls(ACCOUNT, call.sid(), AUTH)).get("Calls");
        if (calls.isEmpty()) {
            return "absent";
        }
        JsonNode listed = calls.get(0);
        boolean filled = !listed.get("EndTime").isNull();
        assertThat(listed.get("Duration").isNull()).isEqualTo(!filled);
        assertThat(listed.get("Price").isNull()).isEqualTo(!filled);
        return "listed, " + (filled ? "filled" : "empty");
    }
}
