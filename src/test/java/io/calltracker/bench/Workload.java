package io.calltracker.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The calls of a round, in real time: drawn from the simulator's realistic mix (the parameters and
 * distributions of its {@code CallMix.realistic()}, behind {@code POST /simulator/calls/random}, written
 * out here since the bench shares no code with the simulator), arriving at a steady rate. Seeded, so
 * every strategy and every run sees the same calls.
 */
final class Workload {

    /** The simulator's {@code CallMix.realistic()}: its shares and durations. */
    record Mix(double unansweredShare, Duration ringMin, Duration ringMax, Duration talkMedian, double talkSpread,
            Duration talkMin, Duration talkMax, Duration postProcessingMin, Duration postProcessingMax,
            Duration invisibleMax) {

        static Mix realistic() {
            return new Mix(0.35, Duration.ofSeconds(5), Duration.ofSeconds(40),
                    Duration.ofMinutes(2), 0.9, Duration.ofSeconds(30), Duration.ofHours(1),
                    Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMillis(1500));
        }
    }

    /** The unanswered statuses the simulator's mix uses. */
    private static final List<String> UNANSWERED = List.of(
            "from_leg_unanswered", "to_leg_unanswered", "from_leg_cancelled", "to_leg_no_dial", "from_leg_no_dial");

    /** One call, real milliseconds. */
    record PlannedCall(long arrivalMs, String status, long ringMs, long talkMs, long postProcessingMs, long invisibleMs) {

        /** The body of {@code POST /simulator/calls}, durations ÷ k. */
        Map<String, Object> body(String sid, String account, double k) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sid", sid);
            body.put("account_sid", account);
            body.put("status", status);
            body.put("ring_ms", Math.round(ringMs / k));
            body.put("talk_ms", Math.round(talkMs / k));
            body.put("post_processing_ms", Math.round(postProcessingMs / k));
            body.put("invisible_ms", Math.round(invisibleMs / k));
            return body;
        }

        long lifetimeMs() {
            return ringMs + talkMs + postProcessingMs;
        }
    }

    private Workload() {
    }

    static List<PlannedCall> plan(int count, double callsPerHour, long seed) {
        Mix mix = Mix.realistic();
        Random random = new Random(seed);
        double spacingMs = 3_600_000 / callsPerHour;
        List<PlannedCall> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean unanswered = random.nextDouble() < mix.unansweredShare();
            double talk = Math.exp(Math.log(mix.talkMedian().toMillis()) + mix.talkSpread() * random.nextGaussian());
            double postProcessing = Math.exp(uniform(random,
                    Math.log(mix.postProcessingMin().toMillis()), Math.log(mix.postProcessingMax().toMillis())));
            calls.add(new PlannedCall(
                    Math.round(i * spacingMs),
                    unanswered ? UNANSWERED.get(random.nextInt(UNANSWERED.size())) : "completed",
                    Math.round(uniform(random, mix.ringMin().toMillis(), mix.ringMax().toMillis())),
                    unanswered ? 0 : Math.round(Math.min(Math.max(talk, mix.talkMin().toMillis()), mix.talkMax().toMillis())),
                    Math.round(postProcessing),
                    Math.round(random.nextDouble() * mix.invisibleMax().toMillis())));
        }
        return calls;
    }

    static String describe() {
        Mix m = Mix.realistic();
        return String.format("CallMix.realistic(): %.0f%% unanswered, ring %s–%s, talk lognormal median %s σ%.1f clamped to %s–%s, "
                        + "post-processing log-uniform %s–%s, 404 for up to %s after creation; steady arrivals",
                m.unansweredShare() * 100, Profile.human(m.ringMin()), Profile.human(m.ringMax()),
                Profile.human(m.talkMedian()), m.talkSpread(), Profile.human(m.talkMin()), Profile.human(m.talkMax()),
                Profile.human(m.postProcessingMin()), Profile.human(m.postProcessingMax()), Profile.human(m.invisibleMax()));
    }

    static Duration longestLifetime(List<PlannedCall> calls) {
        return Duration.ofMillis(calls.stream().mapToLong(PlannedCall::lifetimeMs).max().orElse(0));
    }

    /**
     * The fewest requests per call any per-call poller needs to detect every call of the plan within
     * {@code latency}, even one that knew the moment each call ends: one poll at the end, then one per
     * {@code latency} of post-processing until the call is terminal. Bulk end-detection is not bound by it.
     */
    static double perCallFloor(List<PlannedCall> calls, Duration latency) {
        long l = latency.toMillis();
        return calls.stream().mapToDouble(c -> 1 + Math.ceil((double) c.postProcessingMs() / l)).average().orElse(Double.NaN);
    }

    private static double uniform(Random random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }
}
