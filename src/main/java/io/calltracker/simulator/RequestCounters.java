package io.calltracker.simulator;

import io.calltracker.simulator.SimulatorStats.AccountStats;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/** Counts the simulated API's answers per account and HTTP status, cheaply under heavy concurrency. */
final class RequestCounters {

    private final ConcurrentMap<String, ConcurrentMap<Integer, LongAdder>> byAccount = new ConcurrentHashMap<>();

    void record(String accountSid, int status) {
        byAccount.computeIfAbsent(accountSid, account -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
    }

    SortedMap<String, AccountStats> snapshot(ToLongFunction<String> peakPerMinute) {
        SortedMap<String, AccountStats> snapshot = new TreeMap<>();
        byAccount.forEach((account, counters) -> {
            SortedMap<String, Long> byStatus = new TreeMap<>();
            counters.forEach((status, count) -> byStatus.put(String.valueOf(status), count.sum()));
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            snapshot.put(account, new AccountStats(total, byStatus, peakPerMinute.applyAsLong(account)));
        });
        return snapshot;
    }

    void clear() {
        byAccount.clear();
    }
}
