package io.exotelsim;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers v1 Bulk Call Details, {@code GET /v1/Accounts/{account_sid}/Calls.json?Sid=a,b,c}, behind
 * the shared gate. Ongoing calls are left out, as the vendor does, which makes one request a probe of
 * which of up to 100 calls have ended; when an ended call is listed and filled in is the v1 model's
 * choice ({@link V1Listing}). Only lookups by {@code Sid} are simulated.
 */
final class SimulatedBulkCallsApi {

    private static final int MAX_SIDS = 100;

    private final SimulatedApiGate gate;
    private final CallRegistry calls;
    private final V1ModelSetting model;

    SimulatedBulkCallsApi(SimulatedApiGate gate, CallRegistry calls, V1ModelSetting model) {
        this.gate = gate;
        this.calls = calls;
        this.model = model;
    }

    /** @param sidParameter the {@code Sid} query parameter: comma-separated call SIDs */
    ExotelReply calls(String accountSid, String sidParameter, String authorization) {
        return gate.serve(SimulatedEndpoint.V1_BULK, accountSid, authorization,
                (now, faults) -> faults.v1DisabledAccounts().contains(accountSid)
                        ? ExotelReply.restException(403, "API access is not enabled for this account")
                        : lookUp(accountSid, sids(sidParameter), now));
    }

    private ExotelReply lookUp(String accountSid, List<String> sids, Instant now) {
        if (sids.isEmpty()) {
            return ExotelReply.restException(400, "The simulator only answers lookups by Sid");
        }
        if (sids.size() > MAX_SIDS) {
            return ExotelReply.restException(400,
                    "At most " + MAX_SIDS + " call Sids per request, got " + sids.size());
        }
        V1Listing listing = model.current();
        List<Map<String, Object>> ended = sids.stream()
                .distinct()
                .map(sid -> calls.find(accountSid, sid))
                .flatMap(Optional::stream)
                .filter(call -> call.hasEndedAt(now) && !now.isBefore(listing.listedFrom(call)))
                .map(call -> V1CallView.of(call, now, listing))
                .toList();
        String firstPageUri = "/v1/Accounts/" + accountSid + "/Calls.json?Sid=" + String.join(",", sids)
                + "&PageSize=" + MAX_SIDS;
        return ExotelReply.of(200, V1Bodies.calls(firstPageUri, MAX_SIDS, ended));
    }

    private static List<String> sids(String sidParameter) {
        return sidParameter == null ? List.of() : Arrays.stream(sidParameter.split(","))
                .map(String::strip)
                .filter(sid -> !sid.isEmpty())
                .toList();
    }
}
