package io.exotelsim;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults in force right now: they start from configuration and tests and benchmarks change them
 * while the simulator serves requests, so each request reads one consistent snapshot.
 */
final class FaultSettings {

    private final AtomicReference<Faults> current;

    FaultSettings(Faults initial) {
        current = new AtomicReference<>(initial);
    }

    Faults current() {
        return current.get();
    }

    Faults update(FaultsUpdate update) {
        if (update == null) {
            throw new IllegalArgumentException("a faults body is required");
        }
        return current.updateAndGet(faults -> faults.with(update));
    }
}
