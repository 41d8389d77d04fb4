package io.calltracker.guard;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.AccountSignal;
import io.calltracker.exotel.PollResult;
import io.calltracker.tracking.TrackerConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything that stands between the tracker and an account's API: its rate share (shared by all
 * instances), Exotel's Retry-After windows and 429 slow-down (shared), a circuit breaker against a
 * failing API and a pause on rejected credentials (per instance).
 */
@ApplicationScoped
public class AccountGate {

    private static final Logger LOG = Logger.getLogger(AccountGate.class);
    private static final Duration BUDGET_WAIT = Duration.ofSeconds(1);

    private final RateBudget budget;
    private final AccountThrottle throttle;
    private final CredentialPauses credentials;
    private final Duration authRecheckInterval;
    private final Duration circuitDelay;
    private final Map<String, Guard> circuits = new ConcurrentHashMap<>();
    private final Map<String, Instant> circuitOpenedAt = new ConcurrentHashMap<>();
    private final Map<String, AccountThrottle.ThrottleState> throttleStates = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public AccountGate(RateBudget budget, AccountThrottle throttle, TrackerConfig config) {
        this.budget = budget;
        this.throttle = throttle;
        this.authRecheckInterval = config.authRecheckInterval();
        this.credentials = new CredentialPauses(authRecheckInterval);
        this.circuitDelay = config.circuitOpenDelay();
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
        if (state.blockedAt(now) || circuitHolding(account.sid(), now)) {
            return 0;
        }
        Optional<CredentialPauses.Pause> pause = credentials.pauseOf(account.sid());
        if (pause.isPresent()) {
            return now.isBefore(pause.get().nextProbeAt()) ? 0 : 1;
        }
        long tokens = budget.available(account) / state.cost();
        return (int) Math.min(wanted, tokens);
    }

    /** Whether one request may go now; spends its tokens when it may. */
    public Admission admit(Account account) {
        return admit(account, Duration.ZERO);
    }

    /**
     * As {@link #admit(Account)}, but waits up to {@code budgetWait} for the rate share: for the one
     * follow-up request (the legs) of a call that is already terminal, which should not lose its
     * legs to a momentarily empty bucket.
     */
    public Admission admit(Account account, Duration budgetWait) {
        Instant now = clock.instant();
        AccountThrottle.ThrottleState state = currentThrottle(account);
        if (state.blockedAt(now)) {
            return Admission.deny("rate limited by Exotel until " + state.blockedUntil(), state.blockedUntil());
        }
        if (circuitHolding(account.sid(), now)) {
            return Admission.deny("circuit open after repeated API faults", now.plus(circuitDelay));
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

    /** Sends an admitted Call Details or Bulk Call Details request; see {@link #send(Account, Supplier, Function, Function)}. */
    public PollResult send(Account account, Supplier<PollResult> request) {
        return send(account, request, AccountSignal::of, reason -> new PollResult.Unavailable(reason, null));
    }

    /**
     * Sends an admitted request, to any endpoint, through the account's circuit breaker and learns from
     * its answer: a 429 blocks the account for all instances, faults count against the circuit,
     * rejected credentials pause it.
     *
     * @param signal  what an answer says about the account
     * @param notSent the answer to return, with the reason, when the circuit refuses the request
     */
    public <T> T send(Account account, Supplier<T> request, Function<T, AccountSignal> signal, Function<String, T> notSent) {
        T answer;
        try {
            answer = throughCircuit(account.sid(), () -> failIfFault(request.get(), signal));
        } catch (ApiFault fault) {
            answer = fault.answer();
        } catch (CircuitBreakerOpenException e) {
            return notSent.apply("circuit open after repeated API faults");
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure calling Exotel for account " + account.sid(), e);
        }
        learn(account, signal.apply(answer));
        return answer;
    }

    /** For health checks: the account's condition in a word, and what an operator should know. */
    public AccountCondition condition(Account account) {
        Instant now = clock.instant();
        Optional<CredentialPauses.Pause> pause = credentials.pauseOf(account.sid());
        if (pause.isPresent()) {
            return new AccountCondition("credentials_rejected", "HTTP " + pause.get().httpStatus() + " since " + pause.get().since());
        }
        if (circuitHolding(account.sid(), now)) {
            return new AccountCondition("circuit_open", "opened at " + circuitOpenedAt.get(account.sid()));
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

    private boolean circuitHolding(String accountSid, Instant now) {
        Instant openedAt = circuitOpenedAt.get(accountSid);
        return openedAt != null && now.isBefore(openedAt.plus(circuitDelay));
    }

    @SuppressWarnings("unchecked")
    private <T> T throughCircuit(String accountSid, Callable<T> action) throws Exception {
        return (T) circuit(accountSid).call(action::call, Object.class);
    }

    private Guard circuit(String accountSid) {
        return circuits.computeIfAbsent(accountSid, sid -> Guard.create()
                .withDescription("Exotel API of account " + sid)
                .withCircuitBreaker()
                .name("exotel-" + sid)
                .requestVolumeThreshold(10)
                .failureRatio(0.5)
                .delay(circuitDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(2)
                .failOn(ApiFault.class)
                .onStateChange(state -> onCircuitChange(sid, state))
                .done()
                .build());
    }

    private void onCircuitChange(String accountSid, CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            circuitOpenedAt.put(accountSid, clock.instant());
            LOG.warnf("account %s: circuit opened after repeated API faults; pausing requests for %s", accountSid, circuitDelay);
        } else if (state == CircuitBreakerState.CLOSED) {
            circuitOpenedAt.remove(accountSid);
            LOG.infof("account %s: circuit closed, API answering again", accountSid);
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
