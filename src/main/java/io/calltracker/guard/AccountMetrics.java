package io.calltracker.guard;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Per-account gauges: the rate share, how much of it the last minute used, and rejected credentials. */
@ApplicationScoped
public class AccountMetrics {

    private final Accounts accounts;
    private final AccountGate gate;
    private final RateBudget budget;
    private final MeterRegistry meters;

    public AccountMetrics(Accounts accounts, AccountGate gate, RateBudget budget, MeterRegistry meters) {
        this.accounts = accounts;
        this.gate = gate;
        this.budget = budget;
        this.meters = meters;
    }

    void register(@Observes StartupEvent event) {
        for (Account account : accounts.all()) {
            Gauge.builder("tracker.rate.budget.share.per.minute", account, Account::rateSharePerMinute)
                    .tag("account", account.sid()).register(meters);
            Gauge.builder("tracker.rate.budget.used.per.minute", account, this::usedLastMinute)
                    .tag("account", account.sid())
                    .description("Share minus the tokens left in the shared bucket: all instances together").register(meters);
            Gauge.builder("tracker.account.auth.failed", account, a -> gate.condition(a).up() ? 0 : 1)
                    .tag("account", account.sid()).register(meters);
        }
    }

    private double usedLastMinute(Account account) {
        if (account.unlimited()) {
            return 0;
        }
        try {
            return Math.max(0, account.rateSharePerMinute() - budget.available(account));
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
