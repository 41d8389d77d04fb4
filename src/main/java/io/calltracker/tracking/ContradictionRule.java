package io.calltracker.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When one account's observations say the bulk model does not hold: over the last {@code window}, at
 * least {@code minSample} checks (observations where the model predicts something v1 or v3 then shows)
 * and at least {@code threshold} of them contradicting it. Plain Java on the instants it is given; one
 * per account, not thread-safe (the caller synchronises). Holds at most {@code maxKept} checks: under a
 * flood the most recent ones are the sample.
 */
final class ContradictionRule {

    private final Duration window;
    private final double threshold;
    private final int minSample;
    private final int maxKept;
    private final Deque<Check> checks = new ArrayDeque<>();
    private int contradictions;
    private Instant freshFrom = Instant.MIN;

    private record Check(Instant at, boolean contradicted) {
    }

    ContradictionRule(Duration window, double threshold, int minSample, int maxKept) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        if (minSample < 1 || maxKept < minSample) {
            throw new IllegalArgumentException("need 1 <= min-sample <= kept, got " + minSample + " and " + maxKept);
        }
        this.window = window;
        this.threshold = threshold;
        this.minSample = minSample;
        this.maxKept = maxKept;
    }

    /**
     * Records one check; checks may come slightly out of order (threads): each is kept by its own time.
     * A check from before the last reset is ignored: it belongs to the sample that already decided.
     */
    void observe(Instant at, boolean contradicted) {
        if (at.isBefore(freshFrom)) {
            return;
        }
        checks.addLast(new Check(at, contradicted));
        if (contradicted) {
            contradictions++;
        }
        if (checks.size() > maxKept) {
            drop(checks.removeFirst());
        }
    }

    /** Whether the account should leave bulk detection now. */
    boolean passed(Instant now) {
        forgetBefore(now.minus(window));
        return checks.size() >= minSample && contradictions >= threshold * checks.size();
    }

    /** The share of checks in the window that contradicted the model; 0 without checks. */
    double rate(Instant now) {
        forgetBefore(now.minus(window));
        return checks.isEmpty() ? 0 : (double) contradictions / checks.size();
    }

    /** Starts a fresh sample at {@code now}: after a switch, the next verdict rests only on what the recheck sees. */
    void reset(Instant now) {
        freshFrom = now;
        checks.clear();
        contradictions = 0;
    }

    private void forgetBefore(Instant bound) {
        // Mostly in order; a late check behind a newer one is forgotten with it, which only shrinks the sample.
        while (!checks.isEmpty() && checks.peekFirst().at().isBefore(bound)) {
            drop(checks.removeFirst());
        }
    }

    private void drop(Check check) {
        if (check.contradicted()) {
            contradictions--;
        }
    }
}
