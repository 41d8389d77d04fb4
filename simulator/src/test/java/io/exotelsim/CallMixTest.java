package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CallMixTest {

    private static final int CALLS = 2_000;

    @Test
    void producesEveryStatusWithAboutAThirdUnanswered() {
        List<SimulatedCallSpec> specs = draw(1.0);

        List<String> statuses = specs.stream().map(SimulatedCallSpec::status).toList();
        assertThat(statuses).containsAll(Stream.concat(Stream.of("completed"),
                CallMix.UNANSWERED_STATUSES.stream()).toList());
        long unanswered = statuses.stream().filter(s -> !s.equals("completed")).count();
        assertThat(unanswered).isBetween(CALLS * 30L / 100, CALLS * 40L / 100);
    }

    @Test
    void staysWithinTheRealisticRanges() {
        for (SimulatedCallSpec spec : draw(1.0)) {
            assertThat(spec.ringMs()).isBetween(5_000L, 40_000L);
            assertThat(spec.postProcessingMs()).isBetween(5_000L, 900_000L);
            if (spec.status().equals("completed")) {
                assertThat(spec.talkMs()).isBetween(30_000L, 3_600_000L);
            } else {
                assertThat(spec.talkMs()).isZero();
            }
            if (spec.digits() != null) {
                assertThat(spec.digits()).matches("[0-9*#](-[0-9*#]){0,3}");
            }
        }
        assertThat(draw(1.0)).anyMatch(spec -> spec.digits() != null).anyMatch(spec -> spec.digits() == null);
    }

    @Test
    void dividesEveryDurationByTheTimeScale() {
        List<SimulatedCallSpec> normal = draw(1.0);
        List<SimulatedCallSpec> compressed = draw(100.0);

        for (int i = 0; i < CALLS; i++) {
            assertThat(compressed.get(i).ringMs()).isCloseTo(normal.get(i).ringMs() / 100, within(1L));
            assertThat(compressed.get(i).talkMs()).isCloseTo(normal.get(i).talkMs() / 100, within(1L));
            assertThat(compressed.get(i).postProcessingMs())
                    .isCloseTo(normal.get(i).postProcessingMs() / 100, within(1L));
            assertThat(compressed.get(i).invisibleMs()).isCloseTo(normal.get(i).invisibleMs() / 100, within(1L));
        }
    }

    /** The same seed each time, so two time scales draw the same calls. */
    private static List<SimulatedCallSpec> draw(double timeScale) {
        Random random = new Random(42);
        List<SimulatedCallSpec> specs = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            specs.add(CallMix.realistic().draw("acc", random, timeScale));
        }
        return specs;
    }
}
