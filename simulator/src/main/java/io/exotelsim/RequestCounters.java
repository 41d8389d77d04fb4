package io.exotelsim;

import io.exotelsim.SimulatorStats.AccountStats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Counts the simulated API's answers per account and HTTP status, and per endpoint, cheaply under
 * heavy concurrency.
 */
final class RequestCounters {

    private final ConcurrentMap<String, ConcurrentMap<Integer, LongAdder>> byAccount = new ConcurrentHashMap<>();
    private final LongAdder[] byEndpoint = Arrays.stream(SimulatedEndpoint.values())
            .map(endpoint -> new LongAdder())
            .toArray(LongAdder[]::new);

    void record(String accountSid, SimulatedEndpoint endpoint, int status) {
        byAccount.computeIfAbsent(accountSid, account -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
        byEndpoint[endpoint.ordinal()].increment();
    }

    SortedMap<String, AccountStats> snapshot(ToLongFunction<String> peakPerMinute, ToLongFunction<String> insideRetryAfter) {
        SortedMap<String, AccountStats> snapshot = new TreeMap<>();
        byAccount.forEach((account, counters) -> {
            SortedMap<String, Long> byStatus = new TreeMap<>();
            counters.forEach((status, count) -> byStatus.put(String.valueOf(status), count.sum()));
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            snapshot.put(account, new AccountStats(total, byStatus, peakPerMinute.applyAsLong(account),
                    insideRetryAfter.applyAsLong(account)));
        });
        return snapshot;
    }

    /** Every endpoint, in a fixed order, including those never asked. */
    Map<String, Long> byEndpoint() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        for (SimulatedEndpoint endpoint : SimulatedEndpoint.values()) {
            snapshot.put(endpoint.statsName, byEndpoint[endpoint.ordinal()].sum());
        }
        return snapshot;
    }

    void clear() {
        byAccount.clear();
        Arrays.stream(byEndpoint).forEach(LongAdder::reset);
    }
}
