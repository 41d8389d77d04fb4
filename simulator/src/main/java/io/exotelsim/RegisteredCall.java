package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A call the simulator plays, as the control API shows it: the status it will end with, when it hangs
 * up (from then on v1 returns it) and when the v3 API will first show it as terminal.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisteredCall(String sid, String accountSid, String status, Instant terminalAt, Instant endedAt) {

    static RegisteredCall of(SimulatedCall call) {
        return new RegisteredCall(call.sid(), call.accountSid(), call.status(), call.terminalAt(), call.endedAt());
    }
}
