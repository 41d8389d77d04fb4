package io.calltracker.simulator;

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
        return Optional.ofNullable(calls.get(callSid)).filter(call -> call.accountSid().equals(accountSid));
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
