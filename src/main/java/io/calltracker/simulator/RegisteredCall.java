package io.calltracker.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** What registering a call answers: its SID, and when the API will first show it as terminal. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisteredCall(String sid, String accountSid, Instant terminalAt) {

    static RegisteredCall of(SimulatedCall call) {
        return new RegisteredCall(call.sid(), call.accountSid(), call.terminalAt());
    }
}
