package io.exotelsim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code leg_details} of one call, as the v3 Call Legs API shows them. They follow from the status
 * the call ends with, so the same call always has the same legs. On an outbound call the from leg is
 * the agent's and the to leg the customer's; an inbound call is the other way round, its to leg
 * reaching an agent through a group. Like the vendor, the simulator lists legs only once the call has
 * ended.
 */
final class CallLegs {

    private static final String COMPLETED = "completed";
    private static final String NO_ANSWER = "no-answer";
    private static final String FAILED = "failed";
    private static final String AGENT_GROUP_ID = "1001";
    private static final String AGENT_GROUP_NAME = "Support";

    /** How far each side got; a null {@code to} means the to side was never dialled. */
    private record Outcome(String from, String to) {
    }

    private CallLegs() {
    }

    static Map<String, Object> at(SimulatedCall call, Instant now) {
        boolean ended = call.hasEndedAt(now);
        Outcome outcome = outcome(call.status());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("call_sid", call.sid());
        details.put("account_sid", call.accountSid());
        details.put("from", ended ? List.of(fromLeg(call, outcome.from())) : List.of());
        details.put("to", ended && outcome.to() != null ? List.of(toLeg(call, outcome.to())) : List.of());
        return details;
    }

    private static Outcome outcome(String status) {
        return switch (status) {
            case SimulatedCall.COMPLETED -> new Outcome(COMPLETED, COMPLETED);
            case "to_leg_unanswered" -> new Outcome(COMPLETED, NO_ANSWER);
            case "to_leg_no_dial" -> new Outcome(COMPLETED, FAILED);
            case "from_leg_unanswered", "from_leg_cancelled" -> new Outcome(NO_ANSWER, null);
            // from_leg_no_dial, and any status the simulator has no story for: the call got nowhere.
            default -> new Outcome(FAILED, null);
        };
    }

    private static Map<String, Object> fromLeg(SimulatedCall call, String status) {
        return leg(call, "from", !call.inbound(), status);
    }

    private static Map<String, Object> toLeg(SimulatedCall call, String status) {
        boolean agent = call.inbound();
        Map<String, Object> leg = leg(call, "to", agent, status);
        leg.put("group_id", agent ? AGENT_GROUP_ID : null);
        leg.put("group_name", agent ? AGENT_GROUP_NAME : null);
        return leg;
    }

    private static Map<String, Object> leg(SimulatedCall call, String side, boolean agent, String status) {
        CallParties parties = call.parties();
        Map<String, Object> leg = new LinkedHashMap<>();
        // Derived, not random, so that repeated requests name the same leg.
        leg.put("sid", Hex.sha256(call.sid() + "/" + side).substring(0, 32));
        leg.put("name", agent ? parties.agentName() : null);
        leg.put("contact_uri", agent ? parties.agentNumber() : parties.customerNumber());
        leg.put("date_created", ExotelTime.format(call.timeline().created()));
        leg.put("date_updated", ExotelTime.format(call.endedAt()));
        leg.put("status", status);
        return leg;
    }
}
