package io.calltracker.tracking;

import io.calltracker.exotel.ExotelClient;
import io.calltracker.exotel.PollResult;
import io.calltracker.records.CallFinaliser;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims due calls, polls Exotel for each (outside any transaction) and applies the policy's
 * decision. Runs on every instance; the claim statement splits the work between them.
 */
@ApplicationScoped
public class PollWorker {

    private static final Logger LOG = Logger.getLogger(PollWorker.class);

    private final PollSchedule schedule;
    private final ExotelClient exotel;
    private final CallFinaliser finaliser;
    private final TrackerConfig config;
    private final TrackingPolicy policy;
    private final String instanceId;
    private final ExecutorService pollers;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;

    public PollWorker(PollSchedule schedule, ExotelClient exotel, CallFinaliser finaliser, TrackerConfig config,
                      InstanceId instanceId) {
        this.schedule = schedule;
        this.exotel = exotel;
        this.finaliser = finaliser;
        this.config = config;
        this.instanceId = instanceId.value();
        this.policy = new TrackingPolicy(new BackoffPolicy(config.pollMinInterval(), config.pollMaxInterval()),
                config.notFoundGrace(), config.maxTrackingAge(), () -> ThreadLocalRandom.current().nextLong());
        AtomicInteger threads = new AtomicInteger();
        this.pollers = Executors.newFixedThreadPool(config.pollConcurrency(), task -> {
            Thread thread = new Thread(task, "poller-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(every = "${tracker.claim-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = TrackingDisabled.class)
    void pollDueCalls() {
        try {
            List<Claim> claims;
            do {
                claims = schedule.claimDue(instanceId, config.claimBatchSize(), config.claimLease());
                pollAll(claims);
            } while (claims.size() == config.claimBatchSize() && !stopping);
        } catch (ScheduleUnavailableException e) {
            LOG.warnf("polling paused, schedule unavailable: %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    private void pollAll(List<Claim> claims) {
        List<CompletableFuture<Void>> polls = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            polls.add(CompletableFuture.runAsync(() -> pollOne(claim), pollers));
        }
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).join();
    }

    private void pollOne(Claim claim) {
        MDC.put("call_sid", claim.callSid());
        MDC.put("account_sid", claim.accountSid());
        try {
            PollResult result = exotel.fetchCallDetails(claim.accountSid(), claim.callSid());
            Decision decision = policy.decide(claim, result, clock.instant());
            if (decision instanceof Decision.Finish finish) {
                finaliser.finish(claim, finish, clock.instant());
            } else {
                Decision.PollAgain again = (Decision.PollAgain) decision;
                if (again.error() != null) {
                    LOG.debugf("call %s: %s, next poll at %s", claim.callSid(), again.error(), again.at());
                }
                schedule.pollAgain(claim, again);
            }
        } catch (RuntimeException e) {
            // The claim stays leased; when the lease ends the call is due again, here or elsewhere.
            LOG.warnf("call %s: poll not applied (%s: %s); retried after the lease", claim.callSid(),
                    e.getClass().getSimpleName(), e.getMessage());
        } finally {
            MDC.remove("call_sid");
            MDC.remove("account_sid");
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        pollers.shutdown();
        pollers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
