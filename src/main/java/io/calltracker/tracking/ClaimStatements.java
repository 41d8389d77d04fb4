package io.calltracker.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts the statements claim rounds send to the schedule, by statement: counter
 * {@code tracker_claim_statements_total{statement}}. An idle instance should send about one a round however
 * many accounts are configured (issue 12); this shows it in production and is what {@code make bench}'s
 * fleet part reads. Every name is registered at 0 so a rate exists before the first claim.
 */
final class ClaimStatements {

    static final String ACCOUNTS_WITH_WORK = "accounts_with_work";
    static final String CLAIM_DUE = "claim_due";
    static final String CLAIM_SWEEP = "claim_sweep";
    static final String CLAIM_EXPIRED = "claim_expired";
    static final String PULL_IN = "pull_in";

    private final Map<String, Counter> byStatement;

    ClaimStatements(MeterRegistry meters) {
        this.byStatement = Stream.of(ACCOUNTS_WITH_WORK, CLAIM_DUE, CLAIM_SWEEP, CLAIM_EXPIRED, PULL_IN)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), name -> Counter.builder("tracker.claim.statements")
                        .tag("statement", name)
                        .description("Statements claim rounds sent to the schedule")
                        .register(meters)));
    }

    void sent(String statement) {
        byStatement.get(statement).increment();
    }
}
