package io.calltracker.tracking;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the bulk sweep watches an account's calls. An account whose v1 API refuses us (401/403/404:
 * not enabled for it), or whose v1 and v3 answers contradict the bulk model too often ({@link ModelWatch}),
 * falls back to per-call polling and is tried again after the recheck interval.
 * Kept per instance, like the circuit breaker: each instance finds out with one request of its own.
 * Shown as gauge tracker_bulk_available{account} and a warning on each change.
 */
@ApplicationScoped
public class BulkAvailability {

    private static final Logger LOG = Logger.getLogger(BulkAvailability.class);

    private final boolean enabled;
    private final Duration recheckInterval;
    private final Map<String, Fallback> fallbacks = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public BulkAvailability(TrackerConfig config, Accounts accounts, MeterRegistry meters) {
        this.enabled = config.bulk().enabled();
        this.recheckInterval = config.bulk().recheckInterval();
        this.meters = meters;
        for (Account account : accounts.all()) {
            Gauge.builder("tracker.bulk.available", this, self -> self.watching(account) ? 1 : 0)
                    .tag("account", account.sid())
                    .description("1 while v1 bulk sweeps detect the account's call ends; 0: per-call polling")
                    .register(meters);
        }
    }

    /** Whether the sweep looks after the account's calls now (false: per-call polling). */
    public boolean watching(Account account) {
        if (!enabled) {
            return false;
        }
        Fallback fallback = fallbacks.get(account.sid());
        return fallback == null || !clock.instant().isBefore(fallback.until());
    }

    void refused(Account account, int httpStatus) {
        if (fallbacks.put(account.sid(), fallback("v1 refused (HTTP " + httpStatus + ")")) == null) {
            LOG.warnf("account %s: v1 Bulk Call Details refused (HTTP %d); falling back to per-call polling, trying v1"
                    + " again every %s", account.sid(), httpStatus, recheckInterval);
        }
        meters.counter("tracker.bulk.fallbacks", "account", account.sid(), "status", Integer.toString(httpStatus)).increment();
    }

    /** v1 answers, but what it and v3 show contradicts the model the sweep rests on ({@link ModelWatch}). */
    void contradicted(Account account, String evidence) {
        fallbacks.put(account.sid(), fallback("bulk model contradicted"));
        LOG.warnf("account %s: %s; falling back to per-call polling, bulk end-detection again in %s", account.sid(),
                evidence, recheckInterval);
    }

    void answered(Account account) {
        Fallback ended = fallbacks.remove(account.sid());
        if (ended != null) {
            LOG.warnf("account %s: rechecking bulk end-detection after falling back (%s); the sweep watches its calls"
                    + " again", account.sid(), ended.reason());
        }
    }

    private Fallback fallback(String reason) {
        return new Fallback(clock.instant().plus(recheckInterval), reason);
    }

    /** Per-call polling until {@code until}, and why. */
    private record Fallback(Instant until, String reason) {
    }
}
