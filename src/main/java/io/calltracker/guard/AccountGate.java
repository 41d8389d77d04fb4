package io.calltracker.guard;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.AccountSignal;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one door to an account's API: every request to Exotel goes through {@link #exchange}, which
 * admits it (Exotel's Retry-After windows and 429 slow-down, shared by all instances; the circuit
 * breaker and the pause on rejected credentials, per instance; the rate share, shared), sends it
 * through the account's circuit and learns from the answer.
 */
@ApplicationScoped
public class AccountGate {

    private static final Logger LOG = Logger.getLogger(AccountGate.class);
    private static final Duration BUDGET_WAIT = Duration.ofSeconds(1);

    private final RateBudget budget;
    private final AccountThrottle throttle;
    private final CredentialPauses credentials;
    private final Duration authRecheckInterval;
    private final AccountCircuits circuits;
    private final Map<String, AccountThrottle.ThrottleState> throttleStates = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public AccountGate(RateBudget budget, AccountThrottle throttle, GuardConfig config) {
        this.budget = budget;
        this.throttle = throttle;
        this.authRecheckInterval = config.authRecheckInterval();
        this.credentials = new CredentialPauses(authRecheckInterval);
        this.circuits = new AccountCircuits(config.circuitOpenDelay(), clock);
    }

    /**
     * How many calls of the account may be claimed now: none while it is blocked, paused or its
     * circuit is open, else as many as the budget has tokens for (at most {@code wanted}).
     * Reads the shared throttle state, so call it once per claim round.
     */
    public int room(Account account, int wanted) {
        AccountThrottle.ThrottleState state = throttle.read(account.sid());
        throttleStates.put(account.sid(), state);
        Instant now = clock.instant();
        if (state.blockedAt(now) || circuits.holding(account.sid(), now)) {
            return 0;
        }
        Optional<CredentialPauses.Pause> pause = credentials.pauseOf(account.sid());
        if (pause.isPresent()) {
            return now.isBefore(pause.get().nextProbeAt()) ? 0 : 1;
        }
        long tokens = budget.available(account) / state.cost();
        return (int) Math.min(wanted, tokens);
    }

    /**
     * Admits the request, sends it through the account's circuit breaker and learns from its answer: a
     * 429 blocks the account for all instances, faults count against the circuit, rejected credentials
     * pause it.
     */
    public <T> Exchange<T> exchange(Account account, ExotelRequest<T> request) {
        Admission admission = admit(account, request.budgetWait());
        if (!admission.granted()) {
            return new Exchange.Refused<>(admission.reason(), admission.retryAt());
        }
        T answer;
        try {
            answer = circuits.call(account.sid(), ApiFault.class, () -> failIfFault(request.send().get(), request.signal()));
        } catch (ApiFault fault) {
            answer = fault.answer();
        } catch (CircuitBreakerOpenException e) {
            return new Exchange.Refused<>("circuit open after repeated API faults", clock.instant().plus(circuits.openDelay()));
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure calling Exotel for account " + account.sid(), e);
        }
        learn(account, request.signal().apply(answer));
        return new Exchange.Answered<>(answer);
    }

    /** Whether one request may go now, waiting up to {@code budgetWait} for the rate share; spends its tokens when it may. */
    private Admission admit(Account account, Duration budgetWait) {
        Instant now = clock.instant();
        AccountThrottle.ThrottleState state = currentThrottle(account);
        if (state.blockedAt(now)) {
            return Admission.deny("rate limited by Exotel until " + state.blockedUntil(), state.blockedUntil());
        }
        if (circuits.holding(account.sid(), now)) {
            return Admission.deny("circuit open after repeated API faults", now.plus(circuits.openDelay()));
        }
        Optional<Instant> paused = credentials.deniedUntil(account.sid(), now);
        if (paused.isPresent()) {
            return Admission.deny("credentials rejected; next check at " + paused.get(), paused.get());
        }
        boolean paid = budgetWait.isZero() ? budget.tryConsume(account, state.cost()) : budget.tryConsume(account, state.cost(), budgetWait);
        if (!paid) {
            return Admission.deny("rate share exhausted", now.plus(BUDGET_WAIT));
        }
        // Paying may have taken a while (a database round trip, or waiting for tokens): a 429 that
        // another request met meanwhile must still stop this one.
        AccountThrottle.ThrottleState afterPaying = account.unlimited() ? state : currentThrottle(account);
        if (afterPaying.blockedAt(clock.instant())) {
            return Admission.deny("rate limited by Exotel until " + afterPaying.blockedUntil(), afterPaying.blockedUntil());
        }
        return Admission.grant();
    }

    /**
     * A budgeted account already pays a database round trip per request (its token bucket), so it also
     * re-reads the shared Retry-After state: a 429 seen by another instance stops this one at once,
     * not at its next claim round. Unlimited accounts keep the state read once per round.
     */
    private AccountThrottle.ThrottleState currentThrottle(Account account) {
        if (account.unlimited()) {
            return throttleStates.getOrDefault(account.sid(), AccountThrottle.ThrottleState.CALM);
        }
        AccountThrottle.ThrottleState state = throttle.read(account.sid());
        throttleStates.put(account.sid(), state);
        return state;
    }

    /** For health checks: the account's condition in a word, and what an operator should know. */
    public AccountCondition condition(Account account) {
        Instant now = clock.instant();
        Optional<CredentialPauses.Pause> pause = credentials.pauseOf(account.sid());
        if (pause.isPresent()) {
            return new AccountCondition("credentials_rejected", "HTTP " + pause.get().httpStatus() + " since " + pause.get().since());
        }
        if (circuits.holding(account.sid(), now)) {
            return new AccountCondition("circuit_open", "opened at " + circuits.openedAt(account.sid()).orElse(null));
        }
        AccountThrottle.ThrottleState state = throttleStates.getOrDefault(account.sid(), AccountThrottle.ThrottleState.CALM);
        if (state.blockedAt(now)) {
            return new AccountCondition("rate_limited", "blocked until " + state.blockedUntil());
        }
        return new AccountCondition("ok", state.level() > 0 ? "slowed to 1/" + state.cost() + " of the share after 429s" : "");
    }

    public record AccountCondition(String state, String detail) {
        public boolean up() {
            return !"credentials_rejected".equals(state);
        }
    }

    private void learn(Account account, AccountSignal signal) {
        Instant now = clock.instant();
        if (signal instanceof AccountSignal.Unauthorized unauthorized) {
            if (credentials.pause(account.sid(), unauthorized.httpStatus(), now)) {
                LOG.errorf("account %s: Exotel rejected the credentials (HTTP %d); polling paused, rechecking every %s",
                        account.sid(), unauthorized.httpStatus(), authRecheckInterval);
            }
            return;
        }
        if (signal instanceof AccountSignal.Inconclusive) {
            return;
        }
        if (credentials.resume(account.sid())) {
            LOG.infof("account %s: credentials accepted again; polling resumed", account.sid());
        }
        AccountThrottle.ThrottleState state = throttleStates.getOrDefault(account.sid(), AccountThrottle.ThrottleState.CALM);
        if (signal instanceof AccountSignal.RateLimited limited) {
            Duration window = throttle.rateLimited(account.sid(), limited.retryAfter(), state.level());
            Instant until = now.plus(window);
            throttleStates.put(account.sid(), new AccountThrottle.ThrottleState(until, Math.min(state.level() + 1, AccountThrottle.MAX_LEVEL)));
            LOG.warnf("account %s: HTTP 429 from Exotel; no requests until %s, rate share slowed", account.sid(), until);
        } else if (state.level() > 0) {
            throttle.calmDown(account.sid());
        }
    }

    /** 5xx, timeouts and unusable bodies count against the circuit; 429 is the budget's business, not a fault. */
    private static <T> T failIfFault(T answer, Function<T, AccountSignal> signal) throws ApiFault {
        if (signal.apply(answer) instanceof AccountSignal.Fault) {
            throw new ApiFault(answer);
        }
        return answer;
    }

    private static final class ApiFault extends Exception {
        private final transient Object answer;

        ApiFault(Object answer) {
            super(null, null, false, false);
            this.answer = answer;
        }

        @SuppressWarnings("unchecked")
        <T> T answer() {
            return (T) answer;
        }
    }
}
