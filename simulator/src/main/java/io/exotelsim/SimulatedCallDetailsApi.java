package io.exotelsim;

import java.time.Instant;

/**
 * Answers {@code GET /v3/accounts/{account_sid}/calls/{call_sid}} as Exotel would. Behind the shared
 * gate, it is the one endpoint tests can script: queued replies for a call SID come before the
 * injected faults.
 */
final class SimulatedCallDetailsApi {

    private final SimulatedApiGate gate;
    private final CallRegistry calls;
    private final ScriptedReplies scripts;

    SimulatedCallDetailsApi(SimulatedApiGate gate, CallRegistry calls, ScriptedReplies scripts) {
        this.gate = gate;
        this.calls = calls;
        this.scripts = scripts;
    }

    ExotelReply callDetails(String accountSid, String callSid, String authorization) {
        return gate.serve(SimulatedEndpoint.V3_CALL_DETAILS, accountSid, authorization,
                now -> scripts.next(callSid).map(scripted -> replay(scripted, accountSid, callSid, now)),
                (now, faults) -> lookUp(accountSid, callSid, now));
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
