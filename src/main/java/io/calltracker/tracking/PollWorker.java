package io.calltracker.tracking;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.calltracker.exotel.ExotelClient;
import io.calltracker.exotel.LegsResult;
import io.calltracker.exotel.PollResult;
import io.calltracker.guard.AccountGate;
import io.calltracker.guard.Admission;
import io.calltracker.records.CallFinaliser;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims due calls account by account (as many as the account's gate lets through), polls Exotel
 * for each outside any transaction and applies the policy's decision. Runs on every instance; the
 * claim statement splits the work between them.
 */
@ApplicationScoped
public class PollWorker {

    private static final Logger LOG = Logger.getLogger(PollWorker.class);
    private static final Duration LEGS_BUDGET_WAIT = Duration.ofSeconds(20);

    private final PollSchedule schedule;
    private final ExotelClient exotel;
    private final AccountGate gate;
    private final Accounts accounts;
    private final CallFinaliser finaliser;
    private final TrackerConfig config;
    private final TrackingPolicy policy;
    private final TrackingPolicy sweptPolicy;
    private final BulkSweeper sweeper;
    private final BulkAvailability bulk;
    private final Saturation saturation;
    private final String instanceId;
    private final ExecutorService pollers;
    private final DistributionSummary claimBatchSize;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;
    private FixedDelayLoop loop;

    public PollWorker(PollSchedule schedule, ExotelClient exotel, AccountGate gate, Accounts accounts,
                      CallFinaliser finaliser, TrackerConfig config, Saturation saturation, InstanceId instanceId,
                      BulkSweeper sweeper, BulkAvailability bulk, MeterRegistry meters) {
        this.claimBatchSize = DistributionSummary.builder("tracker.claim.batch.size").register(meters);
        this.schedule = schedule;
        this.exotel = exotel;
        this.gate = gate;
        this.accounts = accounts;
        this.finaliser = finaliser;
        this.config = config;
        this.saturation = saturation;
        this.instanceId = instanceId.value();
        BackoffPolicy backoff = new BackoffPolicy(config.pollMinInterval(), config.pollMaxInterval());
        PollStrategy perCall = PollStrategy.of(config.pollStrategy(), backoff);
        this.policy = new TrackingPolicy(backoff, perCall, config.notFoundGrace(), config.maxTrackingAge(),
                () -> ThreadLocalRandom.current().nextLong());
        this.sweptPolicy = policy.withStrategy(new SafetyNetStrategy(config.bulk().safetyNetInterval(), perCall));
        this.sweeper = sweeper;
        this.bulk = bulk;
        AtomicInteger threads = new AtomicInteger();
        this.pollers = Executors.newFixedThreadPool(config.pollConcurrency(), task -> {
            Thread thread = new Thread(task, "poller-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts claiming once start-up is complete (same moment {@link TrackingDisabled} lets jobs run). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (config.enabled()) {
            loop = FixedDelayLoop.start("poll-loop", config.claimInterval(), this::pollDueCalls);
        }
    }

    void pollDueCalls() {
        try {
            boolean moreDue;
            do {
                moreDue = false;
                for (Account account : accounts.all()) {
                    moreDue |= pollRound(account);
                }
            } while (moreDue && !stopping);
        } catch (ScheduleUnavailableException | IllegalStateException e) {
            LOG.warnf("polling paused, database unavailable: %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    /**
     * Due calls first (their records are what the budget is for), then bulk sweeps with the tokens left.
     *
     * @return true when a full batch was claimed, so more calls may be due right now
     */
    private boolean pollRound(Account account) {
        int room = gate.room(account, config.claimBatchSize());
        if (room == 0) {
            return false;
        }
        List<Claim> claims = schedule.claimDue(account.sid(), instanceId, room, config.claimLease());
        claimBatchSize.record(claims.size());
        saturation.observe(account, room < config.claimBatchSize() && claims.size() == room);
        pollAll(account, claims);
        if (config.bulk().enabled() && !stopping) {
            sweeper.sweep(account, room - claims.size());
        }
        return claims.size() == config.claimBatchSize();
    }

    /** Polls the claims in parallel; the calls to look at again are rescheduled together in one statement. */
    private void pollAll(Account account, List<Claim> claims) {
        List<CompletableFuture<PollSchedule.Reschedule>> polls = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            polls.add(CompletableFuture.supplyAsync(() -> pollOne(account, claim), pollers));
        }
        List<PollSchedule.Reschedule> again = polls.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
        try {
            schedule.pollAgain(again);
        } catch (ScheduleUnavailableException e) {
            // The claims stay leased; when the lease ends the calls are due again, here or elsewhere.
            LOG.warnf("%d polls not applied (%s); retried after the lease", again.size(), e.getMessage());
        }
    }

    /** @return the call's next poll, or null when it is finished or handed back */
    private PollSchedule.Reschedule pollOne(Account account, Claim claim) {
        MDC.put("call_sid", claim.callSid());
        MDC.put("account_sid", claim.accountSid());
        try {
            if (stopping) {
                schedule.release(claim, clock.instant());
                return null;
            }
            Admission admission = gate.admit(account);
            if (!admission.granted()) {
                schedule.release(claim, admission.retryAt());
                return null;
            }
            PollResult result = gate.send(account, () -> exotel.fetchCallDetails(account, claim.callSid()));
            Decision decision = (bulk.watching(account) ? sweptPolicy : policy).decide(claim, result, clock.instant());
            if (decision instanceof Decision.Finish finish) {
                finaliser.finish(claim, finish, legsOf(account, claim, finish), clock.instant());
                return null;
            }
            Decision.PollAgain again = (Decision.PollAgain) decision;
            if (again.error() != null) {
                LOG.debugf("call %s: %s, next poll at %s", claim.callSid(), again.error(), again.at());
            }
            return new PollSchedule.Reschedule(claim, again);
        } catch (RuntimeException e) {
            // The claim stays leased; when the lease ends the call is due again, here or elsewhere.
            LOG.warnf("call %s: poll not applied (%s: %s); retried after the lease", claim.callSid(),
                    e.getClass().getSimpleName(), e.getMessage());
            return null;
        } finally {
            MDC.remove("call_sid");
            MDC.remove("account_sid");
        }
    }

    /** The legs of a terminal call; never blocks the record: a refusal becomes the reason there are none. */
    private LegsResult legsOf(Account account, Claim claim, Decision.Finish finish) {
        if (finish.outcome() != Outcome.TERMINAL || !config.fetchLegs()) {
            return null;
        }
        Admission admission = gate.admit(account, LEGS_BUDGET_WAIT);
        if (!admission.granted()) {
            return new LegsResult.Unavailable("not fetched: " + admission.reason());
        }
        // Through the gate like every request: a 429 or a fault on legs holds back the account's other requests too.
        return gate.send(account, () -> exotel.fetchLegs(account, claim.callSid()), LegsResult::signal,
                reason -> new LegsResult.Unavailable("not fetched: " + reason));
    }

    /** SIGTERM: finish the polls in hand, then give back every claim still held so others take over at once. */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (loop != null) {
            loop.close();
        }
        pollers.shutdown();
        pollers.awaitTermination(10, TimeUnit.SECONDS);
        try {
            int released = schedule.releaseAll(instanceId);
            LOG.infof("shutdown: released %d claimed calls", released);
        } catch (ScheduleUnavailableException e) {
            LOG.warnf("shutdown: claims not released (%s); they return when their lease ends", e.getMessage());
        }
    }
}
