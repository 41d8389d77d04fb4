package io.calltracker.guard;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness per Exotel account: DOWN while an account's credentials are rejected (its calls are kept
 * but not polled). Rate limiting and an open circuit are reported but stay UP: they heal by themselves.
 */
@Readiness
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
