package io.calltracker.tracking;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.ExotelTime;
import io.calltracker.exotel.V1Calls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the model bulk end-detection rests on against what v1 and v3 then show, per account: v1 lists
 * a call from its end with EndTime empty until v3 turns terminal. Each check that contradicts it is
 * counted by kind ({@link ModelContradiction}, tracker_bulk_model_contradictions_total{account,kind});
 * when the account's share of contradicting checks passes the threshold ({@link ContradictionRule}), the
 * account leaves bulk detection for per-call polling through {@link BulkAvailability}, as after a v1
 * refusal, and comes back after the recheck interval with a fresh sample. Per instance, like
 * BulkAvailability: which v3 fetch a v1 listing prompted is known only to the instance that swept.
 */
@Startup // the series exist from start-up, at 0, for dashboards and alerts
@ApplicationScoped
public class ModelWatch {

    private static final Logger LOG = Logger.getLogger(ModelWatch.class);
    /** Checks kept per account; far more than a window holds at the rate limit's pace. */
    static final int MAX_KEPT = 10_000;

    private final BulkAvailability availability;
    private final Duration tolerance;
    private final Duration listingMemory;
    private final Duration window;
    private final double threshold;
    private final Map<String, ContradictionRule> rules = new HashMap<>();
    private final Map<String, Map<ModelContradiction, Counter>> counters = new HashMap<>();
    /** Calls this instance's sweeps saw listed as processed, awaiting the v3 fetch that listing prompted. */
    private final Map<String, Instant> listedProcessed = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public ModelWatch(TrackerConfig config, Accounts accounts, BulkAvailability availability, MeterRegistry meters) {
        this(config, accounts, availability, meters, Clock.systemUTC());
    }

    ModelWatch(TrackerConfig config, Accounts accounts, BulkAvailability availability, MeterRegistry meters, Clock clock) {
        TrackerConfig.Bulk bulk = config.bulk();
        this.availability = availability;
        this.tolerance = bulk.modelTolerance();
        this.window = bulk.contradictionWindow();
        this.threshold = bulk.contradictionThreshold();
        // A listing's v3 fetch follows within a claim round; later ones are not matched (the next sweep lists again).
        this.listingMemory = bulk.sweepInterval().multipliedBy(3).plus(config.claimLease());
        this.clock = clock;
        for (Account account : accounts.all()) {
            ContradictionRule rule = new ContradictionRule(bulk.contradictionWindow(), bulk.contradictionThreshold(),
                    bulk.contradictionMinSample(), MAX_KEPT);
            rules.put(account.sid(), rule);
            Map<ModelContradiction, Counter> byKind = new EnumMap<>(ModelContradiction.class);
            for (ModelContradiction kind : ModelContradiction.values()) {
                byKind.put(kind, Counter.builder("tracker.bulk.model.contradictions")
                        .tag("account", account.sid()).tag("kind", kind.wireName())
                        .description("Observations of v1 and v3 that contradict the bulk end-detection model")
                        .register(meters));
            }
            counters.put(account.sid(), byKind);
            Gauge.builder("tracker.bulk.model.contradiction.rate", this, self -> self.rate(account))
                    .tag("account", account.sid())
                    .description("Share of the account's model checks in the window that contradicted the bulk model")
                    .register(meters);
        }
    }

    /**
     * A sweep's answer: v1 listed {@code listed} of the calls {@code asked}. A call listed as processed
     * for the first time is a check: under the model, no earlier sweep after its end can have missed it.
     */
    void swept(Account account, List<PollSchedule.Swept> asked, List<V1Calls.Call> listed) {
        Instant now = clock.instant();
        Map<String, PollSchedule.Swept> bySid = new HashMap<>();
        asked.forEach(call -> bySid.put(call.callSid(), call));
        listedProcessed.values().removeIf(at -> at.isBefore(now.minus(listingMemory)));
        for (V1Calls.Call call : listed) {
            PollSchedule.Swept swept = bySid.get(call.sid());
            if (swept == null || !call.processed()) {
                continue;
            }
            listedProcessed.put(call.sid(), now);
            if (!swept.listedBefore()) {
                check(account, now, missedEnd(swept.previousSweep(), v1EndTime(call)) ? ModelContradiction.ENDED_UNLISTED : null);
            }
        }
    }

    /**
     * A v3 reply, asked for at {@code askedAt}, about a call the sweep watches. If a listing of this
     * instance prompted it, v3 must be terminal; a terminal call no listing prompted must not have been
     * swept after its end.
     */
    void fetched(Account account, Claim claim, CallDetails details, Instant askedAt) {
        Instant listedAt = listedProcessed.get(claim.callSid());
        Instant now = clock.instant();
        if (listedAt != null && !listedAt.isAfter(askedAt)) {
            listedProcessed.remove(claim.callSid());
            check(account, now, details.isTerminal() ? null : ModelContradiction.LISTED_ACTIVE);
        } else if (listedAt == null && details.isTerminal() && !claim.listedBefore()) {
            OffsetDateTime ended = details.ended();
            check(account, now, missedEnd(claim.sweptAt(), ended == null ? null : ended.toInstant())
                    ? ModelContradiction.TERMINAL_UNLISTED : null);
        }
    }

    /** The account's share of contradicting checks in the window (gauge). */
    double rate(Account account) {
        ContradictionRule rule = rules.get(account.sid());
        synchronized (rule) {
            return rule.rate(clock.instant());
        }
    }

    /** Whether a sweep at {@code sweptAt} came after the call's end by more than the tolerance (the model lists it then). */
    private boolean missedEnd(Instant sweptAt, Instant ended) {
        return sweptAt != null && ended != null && sweptAt.isAfter(ended.plus(tolerance));
    }

    private void check(Account account, Instant now, ModelContradiction contradiction) {
        ContradictionRule rule = rules.get(account.sid());
        if (rule == null) {
            return;
        }
        if (contradiction != null) {
            counters.get(account.sid()).get(contradiction).increment();
            LOG.debugf("account %s: bulk model contradicted (%s)", account.sid(), contradiction.wireName());
        }
        String evidence;
        synchronized (rule) {
            rule.observe(now, contradiction != null);
            if (!rule.passed(now)) {
                return;
            }
            evidence = String.format(Locale.ROOT, "%.0f %% of the last %s's bulk model checks contradicted the model"
                    + " (threshold %.0f %%)", 100 * rule.rate(now), window, 100 * threshold);
            rule.reset(clock.instant());
        }
        availability.contradicted(account, evidence);
    }

    private static Instant v1EndTime(V1Calls.Call call) {
        try {
            OffsetDateTime ended = ExotelTime.parseV1(call.endTime());
            return ended == null ? null : ended.toInstant();
        } catch (DateTimeException unreadable) {
            return null;
        }
    }
}
