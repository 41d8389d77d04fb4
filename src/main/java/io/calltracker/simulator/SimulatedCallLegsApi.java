package io.calltracker.simulator;

import java.time.Instant;

/**
 * Answers {@code GET /v3/accounts/{account_sid}/calls/{call_sid}/legs} (Beta) behind the shared gate.
 * The vendor enables this API per account; for the others it does not know the tenant at all.
 */
final class SimulatedCallLegsApi {

    private final SimulatedApiGate gate;
    private final CallRegistry calls;

    SimulatedCallLegsApi(SimulatedApiGate gate, CallRegistry calls) {
        this.gate = gate;
        this.calls = calls;
    }

    ExotelReply legs(String accountSid, String callSid, String authorization) {
        return gate.serve(SimulatedEndpoint.V3_LEGS, accountSid, authorization,
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
}
