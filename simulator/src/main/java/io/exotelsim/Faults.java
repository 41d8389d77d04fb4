package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The misbehaviour injected into the simulated Exotel, as shown by {@code GET /simulator/faults}, and
 * the per-account switches the vendor would flip on its side.
 *
 * @param errorRate            fraction of requests answered 500, in [0, 1]
 * @param latencyMs            delay added to each request that reaches the fault stage
 * @param rateLimitPerMinute   per account; 0 means unlimited
 * @param legsDisabledAccounts accounts the vendor has not enabled the Call Legs API for (404, code 1017)
 * @param v1DisabledAccounts   accounts whose v1 API access is refused (403)
 * @param revokedAccounts      accounts whose API credentials were revoked: 401 everywhere, even with the right ones
 * @param callbackDropRate     fraction of status callbacks never sent, in [0, 1]
 * @param callbackDelayMs      delay added to each status callback after the call turns terminal
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Faults(
        double errorRate,
        long latencyMs,
        int rateLimitPerMinute,
        Set<String> legsDisabledAccounts,
        Set<String> v1DisabledAccounts,
        Set<String> revokedAccounts,
        double callbackDropRate,
        long callbackDelayMs) {

    public Faults {
        requireFraction("error_rate", errorRate);
        requireNotNegative("latency_ms", latencyMs);
        requireNotNegative("rate_limit_per_minute", rateLimitPerMinute);
        legsDisabledAccounts = accounts("legs_disabled_accounts", legsDisabledAccounts);
        v1DisabledAccounts = accounts("v1_disabled_accounts", v1DisabledAccounts);
        revokedAccounts = accounts("revoked_accounts", revokedAccounts);
        requireFraction("callback_drop_rate", callbackDropRate);
        requireNotNegative("callback_delay_ms", callbackDelayMs);
    }

    /** What configuration sets: no account switched off, every callback sent on time. */
    public static Faults initial(double errorRate, long latencyMs, int rateLimitPerMinute) {
        return new Faults(errorRate, latencyMs, rateLimitPerMinute, Set.of(), Set.of(), Set.of(), 0, 0);
    }

    public Duration latency() {
        return Duration.ofMillis(latencyMs);
    }

    /** These faults with the fields {@code update} sets replaced; a list replaces the whole list. */
    public Faults with(FaultsUpdate update) {
        return new Faults(
                Objects.requireNonNullElse(update.errorRate(), errorRate),
                Objects.requireNonNullElse(update.latencyMs(), latencyMs),
                Objects.requireNonNullElse(update.rateLimitPerMinute(), rateLimitPerMinute),
                Objects.requireNonNullElse(update.legsDisabledAccounts(), legsDisabledAccounts),
                Objects.requireNonNullElse(update.v1DisabledAccounts(), v1DisabledAccounts),
                Objects.requireNonNullElse(update.revokedAccounts(), revokedAccounts),
                Objects.requireNonNullElse(update.callbackDropRate(), callbackDropRate),
                Objects.requireNonNullElse(update.callbackDelayMs(), callbackDelayMs));
    }

    private static void requireFraction(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1");
        }
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
    }

    /** Sorted, so that {@code GET /simulator/faults} shows the same list however it was sent. */
    private static Set<String> accounts(String field, Set<String> accounts) {
        if (accounts == null || accounts.stream().anyMatch(account -> account == null || account.isBlank())) {
            throw new IllegalArgumentException(field + " must be a list of account SIDs");
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(accounts));
    }
}
