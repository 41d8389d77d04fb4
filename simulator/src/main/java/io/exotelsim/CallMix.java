package io.exotelsim;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The shape of the random calls behind {@code POST /simulator/calls/random}: which share goes
 * unanswered, and how long calls ring, talk and wait for post-processing.
 *
 * @param talkMedian the median of a lognormal talk time: most calls last minutes, a few nearly an hour
 * @param talkSpread the lognormal's sigma
 */
public record CallMix(
        double unansweredShare,
        double inboundShare,
        double digitsShare,
        Duration ringMin,
        Duration ringMax,
        Duration talkMedian,
        double talkSpread,
        Duration talkMin,
        Duration talkMax,
        Duration postProcessingMin,
        Duration postProcessingMax,
        Duration invisibleMax) {

    static final List<String> UNANSWERED_STATUSES = List.of(
            "from_leg_unanswered", "to_leg_unanswered", "from_leg_cancelled", "to_leg_no_dial", "from_leg_no_dial");

    private static final String DTMF_KEYS = "0123456789*#";

    public static CallMix realistic() {
        return new CallMix(0.35, 0.3, 0.2,
                Duration.ofSeconds(5), Duration.ofSeconds(40),
                Duration.ofMinutes(2), 0.9, Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofMinutes(15),
                Duration.ofMillis(1500));
    }

    /** One random call; every duration is divided by {@code timeScale} so that demos need not take hours. */
    SimulatedCallSpec draw(String accountSid, RandomGenerator random, double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be positive, got " + timeScale);
        }
        boolean unanswered = random.nextDouble() < unansweredShare;
        // Post-processing is log-uniform: most calls settle in seconds, some take many minutes.
        double postProcessingMillis = Math.exp(random.nextDouble(
                Math.log(postProcessingMin.toMillis()), Math.log(postProcessingMax.toMillis())));
        double talkMillis = Math.exp(Math.log(talkMedian.toMillis()) + talkSpread * random.nextGaussian());
        return SimulatedCallSpec.forAccount(accountSid)
                .status(unanswered
                        ? UNANSWERED_STATUSES.get(random.nextInt(UNANSWERED_STATUSES.size()))
                        : SimulatedCall.COMPLETED)
                .direction(random.nextDouble() < inboundShare ? "inbound" : "outbound")
                .ring(scaled(random.nextDouble(ringMin.toMillis(), ringMax.toMillis()), timeScale))
                .talk(unanswered
                        ? Duration.ZERO
                        : scaled(Math.min(Math.max(talkMillis, talkMin.toMillis()), talkMax.toMillis()), timeScale))
                .postProcessing(scaled(postProcessingMillis, timeScale))
                .invisible(scaled(random.nextDouble() * invisibleMax.toMillis(), timeScale))
                .digits(random.nextDouble() < digitsShare ? digits(random) : null)
                .build();
    }

    /** DTMF keys as Exotel reports them, e.g. {@code 1-4-#}. */
    private static String digits(RandomGenerator random) {
        return IntStream.range(0, 1 + random.nextInt(4))
                .mapToObj(i -> String.valueOf(DTMF_KEYS.charAt(random.nextInt(DTMF_KEYS.length()))))
                .collect(Collectors.joining("-"));
    }

    private static Duration scaled(double millis, double timeScale) {
        return Duration.ofMillis(Math.round(millis / timeScale));
    }
}
