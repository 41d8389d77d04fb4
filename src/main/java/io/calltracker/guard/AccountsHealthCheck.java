package io.calltracker.guard;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * Each Exotel account's state, at {@code /q/health/well}: DOWN while an account's credentials are
 * rejected (its calls are kept but not polled). Rate limiting and an open circuit are reported but
 * stay UP: they heal by themselves. Not a readiness check: one account's credentials say nothing about
 * whether this pod can work, and a readiness DOWN on every replica at once would take the Service's
 * endpoints, and so every account's callbacks and the admin API, away with them. Alerts use the
 * metric {@code tracker_account_auth_failed}.
 */
@Wellness
@ApplicationScoped
public class AccountsHealthCheck implements HealthCheck {

    private final Accounts accounts;
    private final AccountGate gate;

    public AccountsHealthCheck(Accounts accounts, AccountGate gate) {
        this.accounts = accounts;
        this.gate = gate;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("exotel-accounts").up();
        for (Account account : accounts.all()) {
            AccountGate.AccountCondition condition = gate.condition(account);
            response.withData(account.sid(), condition.detail().isEmpty() ? condition.state() : condition.state() + ": " + condition.detail());
            if (!condition.up()) {
                response.down();
            }
        }
        return response.build();
    }
}
