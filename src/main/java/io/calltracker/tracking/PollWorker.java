package io.calltracker.tracking;

import io.calltracker.base.DatabaseAwayException;
import io.calltracker.base.DatabaseFailures;
import io.calltracker.base.FixedDelayLoop;
import io.calltracker.base.InstanceId;
import io.calltracker.base.RowRefusedException;
import io.calltracker.base.SkipUntilTracking;
import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.calltracker.exotel.ExotelClient;
import io.calltracker.exotel.ExotelConfig;
import io.calltracker.exotel.LegsResult;
import io.calltracker.exotel.PollResult;
import io.calltracker.guard.AccountGate;
import io.calltracker.guard.Exchange;
import io.calltracker.guard.ExotelRequest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static java.util.stream.Collectors.toMap;

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
    private final ModelWatch modelWatch;
    private final Saturation saturation;
    private final LeaseBudget leaseBudget;
    private final CallbackTiming callbackTiming;
    private final String instanceId;
    private final ExecutorService pollers;
    private final DistributionSummary claimBatchSize;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;
    private FixedDelayLoop loop;

    public PollWorker(PollSchedule schedule, ExotelClient exotel, AccountGate gate, Accounts accounts,
                      CallFinaliser finaliser, TrackerConfig config, Saturation saturation, InstanceId instanceId,
                      BulkSweeper sweeper, BulkAvailability bulk, ModelWatch modelWatch, ExotelConfig exotelConfig,
                      MeterRegistry meters, CallbackTiming callbackTiming) {
        this.modelWatch = modelWatch;
        this.callbackTiming = callbackTiming;
        this.claimBatchSize = DistributionSummary.builder("tracker.claim.batch.size").register(meters);
        this.schedule = schedule;
        this.exotel = exotel;
        this.gate = gate;
        this.accounts = accounts;
        this.finaliser = finaliser;
        this.config = config;
        this.saturation = saturation;
        this.leaseBudget = LeaseBudget.of(config.claimLease(), exotelConfig.connectTimeout().plus(exotelConfig.readTimeout()),
                config.pollConcurrency(), config.claimBatchSize());
        this.instanceId = instanceId.value();
        BackoffPolicy backoff = config.backoff();
        PollStrategy perCall = PollStrategy.of(config.pollStrategy(), backoff, config.pollInterval());
        this.policy = new TrackingPolicy(backoff, perCall, config.notFoundGrace(), config.maxTrackingAge(),
                config.maxPollFailures(), () -> ThreadLocalRandom.current().nextLong());
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

    /** Starts claiming once start-up is complete (same moment {@link SkipUntilTracking} lets jobs run). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, SkipUntilTracking jobs) {
        if (jobs.trackingEnabled()) {
            loop = FixedDelayLoop.start("poll-loop", config.claimInterval(), this::pollDueCalls);
        }
    }

    /**
     * One claim round: reads which accounts have calls in flight (one statement, however many accounts
     * are configured), then gives each with something due a turn, pass after pass, until no account has
     * more due right now.
     */
    void pollDueCalls() {
        try {
            boolean moreDue;
            do {
                moreDue = false;
                Map<String, AccountWork> work = schedule.accountsWithWork(sweeper.inFlightCountCap()).stream()
                        .collect(toMap(AccountWork::accountSid, Function.identity()));
                for (Account account : accounts.all()) {
                    AccountWork due = work.get(account.sid());
                    if (due == null) {
                        saturation.observe(account, false);
                    } else {
                        moreDue |= pollRound(account, due);
                    }
                }
            } while (moreDue && !stopping);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.away(e)) {
                throw e;
            }
            LOG.warnf("polling paused, database unavailable: %s", DatabaseFailures.describe(e));
        }
    }

    /**
     * One turn of the account: one batch of due calls first (their records are what the budget is for),
     * then at most one bulk sweep with the tokens left. A turn is bounded, so no account holds the round
     * for the others: one with more due (a full batch) or another sweep due is served again in the next
     * pass of the same round, after every other account with work has had its turn.
     *
     * @return true when the account may have more due right now (a full batch, or a full sweep)
     */
    private boolean pollRound(Account account, AccountWork work) {
        Optional<BulkSweeper.SweepTurn> sweep = sweeper.turn(account, work);
        if (!work.callsDue() && sweep.isEmpty()) {
            saturation.observe(account, false);
            return false;
        }
        int limit = leaseBudget.claimLimit();
        int room = gate.room(account, limit);
        if (room == 0) {
            return false;
        }
        List<Claim> claims = List.of();
        if (work.callsDue()) {
            // Taken before the claim statement, so never later than the lease end the database sets.
            Instant leaseEnd = clock.instant().plus(config.claimLease());
            claims = schedule.claimDue(account.sid(), instanceId, room, config.claimLease());
            claimBatchSize.record(claims.size());
            pollAll(account, claims, leaseEnd);
        }
        saturation.observe(account, room < limit && claims.size() == room);
        boolean sweptFull = sweep.isPresent() && !stopping && sweeper.sweep(account, sweep.get(), claims.size() < room, work);
        return claims.size() == limit || sweptFull;
    }

    /** Polls the claims in parallel; the calls to look at again are rescheduled together in one statement. */
    private void pollAll(Account account, List<Claim> claims, Instant leaseEnd) {
        List<CompletableFuture<PollSchedule.Reschedule>> polls = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            polls.add(CompletableFuture.supplyAsync(() -> pollOne(account, claim, leaseEnd), pollers));
        }
        List<PollSchedule.Reschedule> again = polls.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
        try {
            schedule.pollAgain(again);
        } catch (DatabaseAwayException | RowRefusedException e) {
            // The claims stay leased; when the lease ends the calls are due again, here or elsewhere.
            LOG.warnf("%d polls not applied (%s); retried after the lease", again.size(), e.getMessage());
        }
    }

    /** @return the call's next poll, or null when it is finished or handed back */
    PollSchedule.Reschedule pollOne(Account account, Claim claim, Instant leaseEnd) {
        MDC.put("call_sid", claim.callSid());
        MDC.put("account_sid", claim.accountSid());
        PollResult result = null;
        try {
            if (stopping) {
                schedule.release(claim, clock.instant());
                return null;
            }
            if (!leaseBudget.timeLeft(leaseEnd, clock.instant())) {
                // Waited in the queue too long: the reply might come after the lease, when another instance
                // may poll the call too. Handed back due now (fenced: a no-op if the call was taken meanwhile).
                LOG.debugf("call %s: lease too short for a request, handed back", claim.callSid());
                schedule.release(claim, clock.instant());
                return null;
            }
            Instant askedAt = clock.instant();
            Exchange<PollResult> exchange = gate.exchange(account,
                    ExotelRequest.poll(() -> exotel.fetchCallDetails(account, claim.callSid())));
            if (exchange instanceof Exchange.Refused<PollResult> refused) {
                schedule.release(claim, refused.retryAt());
                return null;
            }
            result = ((Exchange.Answered<PollResult>) exchange).answer();
            boolean swept = bulk.watching(account);
            if (swept && result instanceof PollResult.Found found) {
                modelWatch.fetched(account, claim, found.details(), askedAt);
            }
            Decision decision = (swept ? sweptPolicy : policy).decide(claim, result, clock.instant());
            if (decision instanceof Decision.Finish finish) {
                if (finish.outcome() == Outcome.TERMINAL) {
                    callbackTiming.observeTerminal(claim.accountSid(), claim.callSid(), finish.details(), clock.instant());
                }
                finaliser.finish(claim, finish, legsOf(account, claim, finish), clock.instant());
                return null;
            }
            Decision.PollAgain again = (Decision.PollAgain) decision;
            if (again.error() != null) {
                LOG.debugf("call %s: %s, next poll at %s", claim.callSid(), again.error(), again.at());
            }
            return new PollSchedule.Reschedule(claim, again);
        } catch (Exception e) {
            if (DatabaseFailures.away(e)) {
                // Not the call's fault: the claim stays leased; at lease end the call is due again, here or elsewhere.
                LOG.warnf("call %s: poll not applied, database unavailable (%s); retried after the lease",
                        claim.callSid(), DatabaseFailures.describe(e));
                return null;
            }
            return unapplied(claim, e, result);
        } finally {
            MDC.remove("call_sid");
            MDC.remove("account_sid");
        }
    }

    /**
     * The reply could not be applied (mapping or finalising threw): counted on the row, fenced by the claim,
     * so the call is retried with backoff and ends failed after max-poll-failures instead of looping.
     */
    private PollSchedule.Reschedule unapplied(Claim claim, Exception failure, PollResult result) {
        String reason = "reply not applied: " + DatabaseFailures.describe(failure);
        LOG.warnf("call %s: %s (failure %d in a row)", claim.callSid(), reason, claim.pollFailures() + 1);
        String rawReply = result instanceof PollResult.Found found ? found.rawJson() : null;
        Decision decision = policy.unapplied(claim, reason, rawReply, clock.instant());
        if (decision instanceof Decision.Finish finish) {
            try {
                finaliser.finish(claim, finish, null, clock.instant());
            } catch (RuntimeException e) {
                LOG.errorf("call %s: could not record outcome failed (%s); retried after the lease", claim.callSid(),
                        DatabaseFailures.describe(e));
            }
            return null;
        }
        return new PollSchedule.Reschedule(claim, (Decision.PollAgain) decision);
    }

    /** The legs of a terminal call; never blocks the record: a refusal becomes the reason there are none. */
    private LegsResult legsOf(Account account, Claim claim, Decision.Finish finish) {
        if (finish.outcome() != Outcome.TERMINAL || !config.fetchLegs()) {
            return null;
        }
        // Through the gate like every request: a 429 or a fault on legs holds back the account's other requests too.
        return gate.exchange(account, ExotelRequest.legs(() -> exotel.fetchLegs(account, claim.callSid()), LEGS_BUDGET_WAIT))
                .answerOr(reason -> new LegsResult.Unavailable("not fetched: " + reason));
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
        } catch (DatabaseAwayException e) {
            LOG.warnf("shutdown: claims not released (%s); they return when their lease ends", e.getMessage());
        }
    }
}
