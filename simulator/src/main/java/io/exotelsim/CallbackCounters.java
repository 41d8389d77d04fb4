package io.exotelsim;

import java.util.concurrent.atomic.LongAdder;

/** What became of the status callbacks: delivered, dropped on purpose, or not accepted by the receiver. */
final class CallbackCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    void recordSent() {
        sent.increment();
    }

    void recordDropped() {
        dropped.increment();
    }

    void recordFailed() {
        failed.increment();
    }

    SimulatorStats.CallbackCounts snapshot() {
        return new SimulatorStats.CallbackCounts(sent.sum(), dropped.sum(), failed.sum());
    }

    void clear() {
        sent.reset();
        dropped.reset();
        failed.reset();
    }
}
