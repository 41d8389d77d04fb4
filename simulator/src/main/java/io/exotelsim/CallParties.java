package io.exotelsim;

/**
 * The people on a simulated call: the customer and the agent who talks to them. The numbers are
 * derived from the call's SID, so that the legs, the v1 record and the status callback agree, and
 * different calls have different numbers.
 */
record CallParties(String customerNumber, String agentNumber, String agentName) {

    private static final String AGENT_NAME = "Simulated Agent";

    static CallParties of(String callSid) {
        String digest = Hex.sha256(callSid);
        return new CallParties(indianMobile("98", digest.substring(0, 12)),
                indianMobile("97", digest.substring(12, 24)), AGENT_NAME);
    }

    private static String indianMobile(String prefix, String hex) {
        return "+91" + prefix + String.format("%08d", Long.parseLong(hex, 16) % 100_000_000);
    }
}
