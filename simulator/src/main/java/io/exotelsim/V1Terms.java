package io.exotelsim;

/** How the v1 API, and the status callbacks that share its vocabulary, describe a simulated call. */
final class V1Terms {

    private V1Terms() {
    }

    /**
     * v3 statuses say which leg got how far; v1 says only how the call ended. A status without a v1
     * counterpart goes out as it is, because clients must treat statuses as data.
     */
    static String status(SimulatedCall call) {
        return switch (call.status()) {
            case "completed" -> "completed";
            case "from_leg_unanswered", "to_leg_unanswered" -> "no-answer";
            case "from_leg_cancelled" -> "canceled";
            case "from_leg_no_dial", "to_leg_no_dial" -> "failed";
            default -> call.status();
        };
    }

    /** v1 tells calls placed through the API from dialled ones; the simulator's outbound calls are API calls. */
    static String direction(SimulatedCall call) {
        return "outbound".equals(call.direction()) ? "outbound-api" : call.direction();
    }

    /** An outbound call rings the agent first, then connects the customer; an inbound customer dials the ExoPhone. */
    static String from(SimulatedCall call) {
        return call.inbound() ? call.parties().customerNumber() : call.parties().agentNumber();
    }

    static String to(SimulatedCall call) {
        return call.inbound() ? call.virtualNumber() : call.parties().customerNumber();
    }
}
