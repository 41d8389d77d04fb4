package io.exotelsim;

import java.util.concurrent.atomic.LongAdder;

/** What became of the status callbacks: delivered, dropped on purpose, not accepted by the receiver, sent twice. */
final class CallbackCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder duplicated = new LongAdder();

    void recordSent() {
        sent.increment();
    }

    void recordDropped() {
        dropped.increment();
    }

    void recordFailed() {
        failed.increment();
    }

    /** A callback the model sends a second time (each copy is also counted as sent or failed). */
    void recordDuplicated() {
        duplicated.increment();
    }

    SimulatorStats.CallbackCounts snapshot() {
        return new SimulatorStats.CallbackCounts(sent.sum(), dropped.sum(), failed.sum(), duplicated.sum());
    }

    void clear() {
        sent.reset();
        dropped.reset();
        failed.reset();
        duplicated.reset();
    }
}
