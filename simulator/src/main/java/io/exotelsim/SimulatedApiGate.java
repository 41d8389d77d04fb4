package io.exotelsim;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * What every simulated endpoint does before and after it looks at the request itself, in this order:
 * credentials (and revocation), the account's rate limit, a scripted reply, injected faults; then it
 * counts the answer. One gate serves all endpoints, so they spend one budget per account, as Exotel's
 * do. A request with bad credentials costs no budget; any other one does, whatever it is answered.
 */
final class SimulatedApiGate {

    /** The endpoint's own answer to a request that passed the gate. */
    @FunctionalInterface
    interface Answer {
        ExotelReply at(Instant now, Faults faults);
    }

    private final Clock clock;
    private final BasicCredentials credentials;
    private final boolean sendRetryAfter;
    private final FaultSettings faults;
    private final SlidingWindowRateLimiter limiter;
    private final RequestCounters counters;
    private final RetryAfterWindows retryAfterWindows;

    SimulatedApiGate(Clock clock, BasicCredentials credentials, boolean sendRetryAfter, FaultSettings faults,
            SlidingWindowRateLimiter limiter, RequestCounters counters, RetryAfterWindows retryAfterWindows) {
        this.retryAfterWindows = retryAfterWindows;
        this.clock = clock;
        this.credentials = credentials;
        this.sendRetryAfter = sendRetryAfter;
        this.faults = faults;
        this.limiter = limiter;
        this.counters = counters;
    }

    ExotelReply serve(SimulatedEndpoint endpoint, String accountSid, String authorization, Answer answer) {
        return serve(endpoint, accountSid, authorization, now -> Optional.empty(), answer);
    }

    /** @param script the reply a test forced on this request, if any: it bypasses the injected faults */
    ExotelReply serve(SimulatedEndpoint endpoint, String accountSid, String authorization,
            Function<Instant, Optional<ExotelReply>> script, Answer answer) {
        ExotelReply reply = pass(endpoint, accountSid, authorization, script, answer);
        counters.record(accountSid, endpoint, reply.status());
        if (reply.status() == 429 && reply.retryAfterSeconds() != null) {
            retryAfterWindows.opened(accountSid, clock.instant(), reply.retryAfterSeconds());
        }
        return reply;
    }

    private ExotelReply pass(SimulatedEndpoint endpoint, String accountSid, String authorization,
            Function<Instant, Optional<ExotelReply>> script, Answer answer) {
        Faults current = faults.current();
        if (!credentials.accept(authorization) || current.revokedAccounts().contains(accountSid)) {
            return endpoint.authenticationFailed();
        }
        Instant now = clock.instant();
        retryAfterWindows.observe(accountSid, now);
        SlidingWindowRateLimiter.Decision decision = limiter.tryAcquire(accountSid, now, current.rateLimitPerMinute());
        if (!decision.admitted()) {
            return endpoint.rateLimited().withRetryAfter(sendRetryAfter ? decision.retryAfterSeconds() : null);
        }
        return script.apply(now).orElseGet(() -> withFaults(endpoint, current, now, answer));
    }

    private static ExotelReply withFaults(SimulatedEndpoint endpoint, Faults current, Instant now, Answer answer) {
        ExotelReply reply = ThreadLocalRandom.current().nextDouble() < current.errorRate()
                ? endpoint.serverError(500)
                : answer.at(now, current);
        return reply.delayedBy(current.latency());
    }
}
