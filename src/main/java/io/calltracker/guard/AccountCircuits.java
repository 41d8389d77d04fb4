package io.calltracker.guard;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per account (SmallRye Fault Tolerance), per instance: after 10 requests with at
 * least half of them faults the account gets no request for the open delay, then two trial requests.
 */
final class AccountCircuits {

    private static final Logger LOG = Logger.getLogger(AccountCircuits.class);

    private final Duration openDelay;
    private final Clock clock;
    private final Map<String, Guard> circuits = new ConcurrentHashMap<>();
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    AccountCircuits(Duration openDelay, Clock clock) {
        this.openDelay = openDelay;
        this.clock = clock;
    }

    Duration openDelay() {
        return openDelay;
    }

    /** Whether the account's circuit is open at {@code now}: nothing is sent to it. */
    boolean holding(String accountSid, Instant now) {
        Instant opened = openedAt.get(accountSid);
        return opened != null && now.isBefore(opened.plus(openDelay));
    }

    Optional<Instant> openedAt(String accountSid) {
        return Optional.ofNullable(openedAt.get(accountSid));
    }

    /**
     * Runs the action through the account's circuit; an action that throws {@code fault} counts against it.
     *
     * @throws CircuitBreakerOpenException when the circuit refuses the action
     */
    @SuppressWarnings("unchecked")
    <T> T call(String accountSid, Class<? extends Throwable> fault, Callable<T> action) throws Exception {
        return (T) circuit(accountSid, fault).call(action::call, Object.class);
    }

    private Guard circuit(String accountSid, Class<? extends Throwable> fault) {
        return circuits.computeIfAbsent(accountSid, sid -> Guard.create()
                .withDescription("Exotel API of account " + sid)
                .withCircuitBreaker()
                .name("exotel-" + sid)
                .requestVolumeThreshold(10)
                .failureRatio(0.5)
                .delay(openDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(2)
                .failOn(fault)
                .onStateChange(state -> onChange(sid, state))
                .done()
                .build());
    }

    private void onChange(String accountSid, CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            openedAt.put(accountSid, clock.instant());
            LOG.warnf("account %s: circuit opened after repeated API faults; pausing requests for %s", accountSid, openDelay);
        } else if (state == CircuitBreakerState.CLOSED) {
            openedAt.remove(accountSid);
            LOG.infof("account %s: circuit closed, API answering again", accountSid);
        }
    }
}
