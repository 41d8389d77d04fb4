package io.calltracker.tracking;

import io.calltracker.base.DatabaseFailures;
import io.calltracker.base.FixedDelayLoop;
import io.calltracker.base.InstanceId;
import io.calltracker.base.SkipUntilTracking;
import io.calltracker.exotel.Accounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Ends, without a request to Exotel, the calls no poll will ever end: calls at the maximum tracking age
 * whose account's gate keeps them from being claimed (Retry-After, open circuit, paused credentials,
 * empty budget), and orphans, calls of an account that is disabled or unknown to this instance (the
 * claim rounds loop over the configured, enabled accounts only). All end {@code gave_up}, the reason
 * saying why; orphans also log a warning and count in {@code tracker_calls_orphaned_total{account,reason}}.
 * Runs on its own loop every {@code tracker.expiry-interval}, not after every claim round: each pass
 * searches all in-flight calls across accounts, and the calls it ends have waited hours (max age) or
 * minutes (orphan grace), so a few seconds more cost nothing.
 */
@ApplicationScoped
public class Expiry {

    private static final Logger LOG = Logger.getLogger(Expiry.class);

    private final PollSchedule schedule;
    private final CallFinaliser finaliser;
    private final Accounts accounts;
    private final TrackerConfig config;
    private final String instanceId;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;
    private FixedDelayLoop loop;

    public Expiry(PollSchedule schedule, CallFinaliser finaliser, Accounts accounts, TrackerConfig config,
                  InstanceId instanceId, MeterRegistry meters) {
        this.schedule = schedule;
        this.finaliser = finaliser;
        this.accounts = accounts;
        this.config = config;
        this.instanceId = instanceId.value();
        this.meters = meters;
    }

    /** Starts with the poll loop (see {@link SkipUntilTracking}). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, SkipUntilTracking jobs) {
        if (jobs.trackingEnabled()) {
            loop = FixedDelayLoop.start("expiry", config.expiryInterval(), this::pass);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (loop != null) {
            loop.close();
        }
    }

    /** One pass of the loop; while the database is away the pass is skipped with a warning, not an error. */
    private void pass() {
        try {
            endExpiredCalls();
        } catch (RuntimeException e) {
            if (!DatabaseFailures.away(e)) {
                throw e;
            }
            LOG.warnf("expiry paused, database unavailable: %s", DatabaseFailures.describe(e));
        }
    }

    /**
     * Ends batch after batch while full batches come back: a backlog (an account just disabled, calls of a
     * long-blocked account reaching max age together) drains in one pass, not one batch per interval.
     */
    void endExpiredCalls() {
        Set<String> disabled = accounts.disabledSids();
        List<PollSchedule.Expired> batch;
        do {
            batch = schedule.claimExpired(instanceId, config.maxTrackingAge(), accounts.sids(), disabled,
                    config.unknownAccountGrace(), config.claimBatchSize(), config.claimLease());
            batch.forEach(expired -> end(expired, disabled));
        } while (batch.size() == config.claimBatchSize() && !stopping);
    }

    private void end(PollSchedule.Expired expired, Set<String> disabled) {
        String account = expired.claim().accountSid();
        String orphaned = disabled.contains(account) ? "disabled"
                : accounts.find(account).isEmpty() ? "unknown" : null;
        String reason = orphaned == null ? pastMaxAge(expired) : orphanReason(account, orphaned);
        if (finish(expired.claim(), reason) && orphaned != null) {
            LOG.warnf("call %s of account %s ended without polling: %s", expired.claim().callSid(), account, reason);
            meters.counter("tracker.calls.orphaned", "account", account, "reason", orphaned).increment();
        }
    }

    /** One call's failure must not keep the others from ending: it is claimed again after its lease. */
    private boolean finish(Claim claim, String reason) {
        try {
            return finaliser.finish(claim, new Decision.Finish(Outcome.GAVE_UP, reason, null, null), null, clock.instant());
        } catch (RuntimeException e) {
            if (DatabaseFailures.away(e)) {
                throw e;
            }
            LOG.errorf("call %s: could not record outcome gave_up (%s); retried after the lease", claim.callSid(),
                    DatabaseFailures.describe(e));
            return false;
        }
    }

    private String pastMaxAge(PollSchedule.Expired expired) {
        return "not terminal at max-tracking-age " + config.maxTrackingAge() + ", ended without a poll (phase "
                + expired.phase() + (expired.lastError() == null ? "" : ", last error: " + expired.lastError()) + ")";
    }

    private String orphanReason(String account, String why) {
        return "disabled".equals(why)
                ? "account " + account + " is disabled (exotel.accounts.\"" + account + "\".enabled=false)"
                : "account " + account + " is not configured on instance " + instanceId + " and no instance polled the call for "
                        + config.unknownAccountGrace();
    }
}
