package io.calltracker.exotel;

import io.calltracker.testing.HostileInputs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a Retry-After header says, the tracker waits no longer than exotel.retry-after-cap. */
class RetryAfterCapTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration CAP = Duration.ofMinutes(5);
    private static final String ACCOUNT = "acme";

    private final RetryAfterCap cap = new RetryAfterCap(CAP);

    @Test
    void anyHeaderGivesNoWaitOrOneWithinTheCap() {
        HostileInputs.forAll(5_000, g -> {
            String header = hostileHeader(g);
            Duration wait = cap.limit(ACCOUNT, CallDetailsReplies.retryAfter(header, NOW));
            if (wait != null) {
                assertThat(wait).as("Retry-After [%s]", header).isBetween(Duration.ZERO, CAP);
                // What AccountThrottle and TrackingPolicy do with it must not overflow either.
                assertThat(NOW.plus(wait)).isBefore(NOW.plus(CAP).plusNanos(1));
                assertThat(wait.toMillis()).isBetween(0L, CAP.toMillis());
            }
        });
    }

    @Test
    void waitsBeyondTheCapAreCapped() {
        assertThat(capped("3600000")).as("milliseconds by mistake").isEqualTo(CAP);
        assertThat(capped("9223372036854775807")).isEqualTo(CAP);
        assertThat(capped("99999999999999999999999999")).as("beyond a long").isEqualTo(CAP);
        assertThat(capped("Fri, 31 Dec 9999 23:59:59 GMT")).as("far-future date").isEqualTo(CAP);
        assertThat(capped("301")).isEqualTo(CAP);
    }

    @Test
    void waitsWithinTheCapAreKept() {
        assertThat(capped("0")).isEqualTo(Duration.ZERO);
        assertThat(capped(" 7 ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(capped("300")).isEqualTo(CAP);
        assertThat(capped("Fri, 27 Nov 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(capped("Thu, 01 Jan 1970 00:00:00 GMT")).as("a past date means now").isEqualTo(Duration.ZERO);
    }

    @Test
    void garbageIsNoRetryAfter() {
        for (String garbage : List.of("-1", "-9223372036854775808", "+5", "1.5", "1e3", "0x10", "5 s", "5s", "٣",
                "１２", "2026-11-27T10:00:30Z", "Friday, 27-Nov-26 10:00:30 GMT", "Fri Nov 27 10:00:30 2026",
                "Fri, 32 Nov 2026 10:00:30 GMT", "soon", "\u0000", "")) {
            assertThat(capped(garbage)).as("Retry-After [%s]", garbage).isNull();
        }
        assertThat(capped(null)).isNull();
    }

    @Test
    void everyAnswerCarryingARetryAfterIsCapped() {
        assertThat(cap.limit(ACCOUNT, new PollResult.RateLimited(Duration.ofDays(41))))
                .isEqualTo(new PollResult.RateLimited(CAP));
        assertThat(cap.limit(ACCOUNT, new PollResult.Unavailable("HTTP 503", Duration.ofDays(41))))
                .isEqualTo(new PollResult.Unavailable("HTTP 503", CAP));
        assertThat(cap.limit(ACCOUNT, new PollResult.RateLimited(null))).isEqualTo(new PollResult.RateLimited(null));
        assertThat(cap.limit(ACCOUNT, new PollResult.NotFound())).isEqualTo(new PollResult.NotFound());
    }

    private Duration capped(String header) {
        return cap.limit(ACCOUNT, CallDetailsReplies.retryAfter(header, NOW));
    }

    /** Numbers of every size and sign, decimals, padded values, dates in several formats and eras, and noise. */
    private static String hostileHeader(HostileInputs g) {
        return switch (g.random().nextInt(9)) {
            case 0 -> Long.toString(g.random().nextLong());
            case 1 -> Long.toString(Math.abs(g.random().nextLong() % 1_000_000_000L));
            case 2 -> g.number();
            case 3 -> "9".repeat(1 + g.random().nextInt(40));
            case 4 -> g.oneOf(List.of(" ", "\t", "", "  ")) + g.random().nextInt(1000) + g.oneOf(List.of(" ", "\t", "", "s", ".5"));
            case 5 -> httpDate(g, DateTimeFormatter.RFC_1123_DATE_TIME);
            case 6 -> httpDate(g, g.oneOf(List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
                    DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'"), DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy"))));
            case 7 -> digitsOf(g);
            default -> g.anyString(40);
        };
    }

    /** A date anywhere from year 1 to 9999: far past, near now, far future. */
    private static String httpDate(HostileInputs g, DateTimeFormatter format) {
        long seconds = g.chance(0.5)
                ? NOW.getEpochSecond() + g.random().nextInt(7_200) - 3_600
                : ZonedDateTime.of(1 + g.random().nextInt(9_998), 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond()
                        + g.random().nextInt(365 * 86_400);
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC).format(format);
    }

    /** Digits of other scripts (Arabic-Indic, Devanagari, fullwidth), which Long.parseLong would accept. */
    private static String digitsOf(HostileInputs g) {
        char zero = g.oneOf(List.of('\u0660', '\u0966', '\uff10', '0'));
        StringBuilder digits = new StringBuilder();
        for (int i = 0, n = 1 + g.random().nextInt(12); i < n; i++) {
            digits.append((char) (zero + g.random().nextInt(10)));
        }
        return digits.toString();
    }
}
