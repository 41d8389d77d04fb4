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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An account is saturated when its rate share, not the work, limits how many calls are polled:
 * calls then wait in due order and detection latency grows. Shown as gauge
 * tracker_account_saturated and a warning at most once a minute.
 */
@ApplicationScoped
public class Saturation {

    private static final Logger LOG = Logger.getLogger(Saturation.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final Map<String, AtomicInteger> saturated = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public Saturation(Accounts accounts, MeterRegistry meters) {
        for (Account account : accounts.all()) {
            AtomicInteger flag = new AtomicInteger();
            saturated.put(account.sid(), flag);
            Gauge.builder("tracker.account.saturated", flag, AtomicInteger::get)
                    .tag("account", account.sid())
                    .description("1 while the account's rate share limits polling")
                    .register(meters);
        }
    }

    void observe(Account account, boolean budgetBound) {
        saturated.get(account.sid()).set(budgetBound ? 1 : 0);
        if (budgetBound) {
            Instant now = clock.instant();
            Instant last = lastWarned.get(account.sid());
            if (last == null || !now.isBefore(last.plus(WARN_EVERY))) {
                lastWarned.put(account.sid(), now);
                LOG.warnf("account %s saturated: its rate share of %d requests/min is spent; due calls wait their turn",
                        account.sid(), account.rateSharePerMinute());
            }
        }
    }
}
