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
 * not enabled for it) falls back to per-call polling and is tried again after the recheck interval.
 * Kept per instance, like the circuit breaker: each instance finds out with one request of its own.
 * Shown as gauge tracker_bulk_available{account} and a warning on each change.
 */
@ApplicationScoped
public class BulkAvailability {

    private static final Logger LOG = Logger.getLogger(BulkAvailability.class);

    private final boolean enabled;
    private final Duration recheckInterval;
    private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();
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
        Instant until = refusedUntil.get(account.sid());
        return until == null || !clock.instant().isBefore(until);
    }

    void refused(Account account, int httpStatus) {
        Instant until = clock.instant().plus(recheckInterval);
        if (refusedUntil.put(account.sid(), until) == null) {
            LOG.warnf("account %s: v1 Bulk Call Details refused (HTTP %d); falling back to per-call polling, trying v1"
                    + " again every %s", account.sid(), httpStatus, recheckInterval);
        }
        meters.counter("tracker.bulk.fallbacks", "account", account.sid(), "status", Integer.toString(httpStatus)).increment();
    }

    void answered(Account account) {
        if (refusedUntil.remove(account.sid()) != null) {
            LOG.infof("account %s: v1 Bulk Call Details answers again; the sweep watches its calls", account.sid());
        }
    }
}
