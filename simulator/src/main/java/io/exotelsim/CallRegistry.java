package io.exotelsim;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The calls the simulator plays, by SID. */
final class CallRegistry {

    private final ConcurrentMap<String, SimulatedCall> calls = new ConcurrentHashMap<>();

    void add(SimulatedCall call) {
        if (calls.putIfAbsent(call.sid(), call) != null) {
            throw new DuplicateCallException(call.sid());
        }
    }

    /** Exotel scopes SIDs to the account: asked under another account, a call does not exist. */
    Optional<SimulatedCall> find(String accountSid, String callSid) {
        return find(callSid).filter(call -> call.accountSid().equals(accountSid));
    }

    /** For the control API, which is not scoped to an account. */
    Optional<SimulatedCall> find(String callSid) {
        return Optional.ofNullable(calls.get(callSid));
    }

    /** Whether this very call is still played: a reset, or a reset and a new call under its SID, forget it. */
    boolean plays(SimulatedCall call) {
        return calls.get(call.sid()) == call;
    }

    int size() {
        return calls.size();
    }

    long terminalCount(Instant now) {
        return calls.values().stream().filter(call -> !now.isBefore(call.terminalAt())).count();
    }

    void clear() {
        calls.clear();
    }
}
