package io.calltracker.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers {@code GET /v3/accounts/{account_sid}/calls/{call_sid}} as Exotel would, checking in this
 * order: credentials, rate limit, scripted reply, injected faults, then the call itself. A request
 * with bad credentials costs no budget; any other one does, whatever it is answered.
 */
final class SimulatedCallDetailsApi {

    private final Clock clock;
    private final BasicCredentials credentials;
    private final boolean sendRetryAfter;
    private final FaultSettings faults;
    private final CallRegistry calls;
    private final ScriptedReplies scripts;
    private final SlidingWindowRateLimiter limiter;
    private final RequestCounters counters;

    SimulatedCallDetailsApi(Clock clock, BasicCredentials credentials, boolean sendRetryAfter, FaultSettings faults,
            CallRegistry calls, ScriptedReplies scripts, SlidingWindowRateLimiter limiter, RequestCounters counters) {
        this.clock = clock;
        this.credentials = credentials;
        this.sendRetryAfter = sendRetryAfter;
        this.faults = faults;
        this.calls = calls;
        this.scripts = scripts;
        this.limiter = limiter;
        this.counters = counters;
    }

    ExotelReply callDetails(String accountSid, String callSid, String authorization) {
        ExotelReply reply = answer(accountSid, callSid, authorization);
        counters.record(accountSid, reply.status());
        return reply;
    }

    private ExotelReply answer(String accountSid, String callSid, String authorization) {
        if (!credentials.accept(authorization)) {
            return ExotelReply.authenticationFailed();
        }
        Instant now = clock.instant();
        Faults current = faults.current();
        SlidingWindowRateLimiter.Decision decision = limiter.tryAcquire(accountSid, now, current.rateLimitPerMinute());
        if (!decision.admitted()) {
            return ExotelReply.rateLimited()
                    .withRetryAfter(sendRetryAfter ? decision.retryAfterSeconds() : null);
        }
        return scripts.next(callSid)
                .map(scripted -> replay(scripted, accountSid, callSid, now))
                .orElseGet(() -> withFaults(current, accountSid, callSid, now));
    }

    private ExotelReply withFaults(Faults current, String accountSid, String callSid, Instant now) {
        ExotelReply reply = ThreadLocalRandom.current().nextDouble() < current.errorRate()
                ? ExotelReply.serverError(500)
                : lookUp(accountSid, callSid, now);
        return reply.delayedBy(current.latency());
    }

    private ExotelReply lookUp(String accountSid, String callSid, Instant now) {
        return calls.find(accountSid, callSid)
                .flatMap(call -> call.detailsAt(now))
                .map(ExotelReply::callDetails)
                .orElseGet(ExotelReply::callNotFound);
    }

    /**
     * A scripted reply without a body gets the canonical body for its status (the server-error envelope
     * for statuses that have none of their own); a 200 without a body serves the call as it is now (a
     * 404 if it is not visible), only skipping the injected faults.
     */
    private ExotelReply replay(ScriptedReply scripted, String accountSid, String callSid, Instant now) {
        ExotelReply reply = scripted.body() != null
                ? ExotelReply.of(scripted.status(), scripted.body())
                : switch (scripted.status()) {
                    case 200 -> lookUp(accountSid, callSid, now);
                    case 401 -> ExotelReply.authenticationFailed();
                    case 404 -> ExotelReply.callNotFound();
                    case 429 -> ExotelReply.rateLimited();
                    default -> ExotelReply.serverError(scripted.status());
                };
        return reply.withRetryAfter(scripted.retryAfterSeconds());
    }
}
