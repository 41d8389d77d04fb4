package io.exotelsim;

import java.time.Instant;

/**
 * Answers {@code GET /v3/accounts/{account_sid}/calls/{call_sid}/legs} (Beta) behind the shared gate.
 * The vendor enables this API per account; for the others it does not know the tenant at all.
 */
final class SimulatedCallLegsApi {

    private final SimulatedApiGate gate;
    private final CallRegistry calls;
    private final ScriptedReplies scripts;

    SimulatedCallLegsApi(SimulatedApiGate gate, CallRegistry calls, ScriptedReplies scripts) {
        this.gate = gate;
        this.calls = calls;
        this.scripts = scripts;
    }

    ExotelReply legs(String accountSid, String callSid, String authorization) {
        return gate.serve(SimulatedEndpoint.V3_LEGS, accountSid, authorization,
                now -> scripts.next(callSid).map(scripted -> replay(scripted, accountSid, callSid, now)),
                (now, faults) -> faults.legsDisabledAccounts().contains(accountSid)
                        ? ExotelReply.tenantNotFound()
                        : lookUp(accountSid, callSid, now));
    }

    private ExotelReply lookUp(String accountSid, String callSid, Instant now) {
        return calls.find(accountSid, callSid)
                .filter(call -> call.visibleAt(now))
                .map(call -> ExotelReply.legDetails(CallLegs.at(call, now)))
                .orElseGet(ExotelReply::callNotFound);
    }

    /** A scripted reply without a body gets the legs API's canonical body for its status; a 200 serves the legs as they are. */
    private ExotelReply replay(ScriptedReply scripted, String accountSid, String callSid, Instant now) {
        ExotelReply reply = scripted.body() != null
                ? ExotelReply.of(scripted.status(), scripted.body())
                : switch (scripted.status()) {
                    case 200 -> lookUp(accountSid, callSid, now);
                    case 401 -> ExotelReply.authenticationFailed();
                    case 404 -> ExotelReply.tenantNotFound();
                    case 429 -> ExotelReply.tooManyRequests();
                    default -> ExotelReply.serverError(scripted.status());
                };
        return reply.withRetryAfter(scripted.retryAfterSeconds());
    }
}
