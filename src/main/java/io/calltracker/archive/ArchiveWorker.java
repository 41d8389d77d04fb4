package io.calltracker.archive;

import io.calltracker.base.DatabaseFailures;
import io.calltracker.base.FixedDelayLoop;
import io.calltracker.base.InstanceId;
import io.calltracker.base.SkipUntilTracking;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims pending recordings (as many as it has free transfer slots) and copies each on a worker of its own:
 * a dead link gets one fresh link from v3 (at most {@code max-link-refreshes}) and is then given up as
 * {@code expired}; other errors are retried with a doubling delay until {@code max-attempts}, then the
 * recording is {@code failed}. Runs only with archival enabled, in a process that tracks.
 */
@ApplicationScoped
class ArchiveWorker {

    private static final Logger LOG = Logger.getLogger(ArchiveWorker.class);

    private final ArchiveJobs jobs;
    private final RecordingCopier copier;
    private final LinkRefresher refresher;
    private final ArchiveSettlement settlement;
    private final ArchiveMetrics metrics;
    private final ArchiveConfig config;
    private final String owner;
    private final Semaphore slots;
    private ExecutorService transfers;
    private FixedDelayLoop loop;
    private volatile boolean stopping;

    ArchiveWorker(ArchiveJobs jobs, RecordingCopier copier, LinkRefresher refresher, ArchiveSettlement settlement,
                  ArchiveMetrics metrics, ArchiveConfig config, InstanceId instanceId) {
        this.jobs = jobs;
        this.copier = copier;
        this.refresher = refresher;
        this.settlement = settlement;
        this.metrics = metrics;
        this.config = config;
        this.owner = instanceId.value();
        this.slots = new Semaphore(config.concurrency());
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, SkipUntilTracking tracking) {
        // Bad settings stop the start-up (with a message naming the keys) even while archival is off.
        ArchiveSettings.of(config);
        if (!config.enabled() || !tracking.trackingEnabled()) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        transfers = Executors.newFixedThreadPool(config.concurrency(), task -> {
            Thread thread = new Thread(task, "archiver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        loop = FixedDelayLoop.start("archive-loop", config.claimInterval(), this::claimRound);
        LOG.infof("recording archival on: bucket %s, %d transfers of %d MiB parts", config.bucket().orElse(""),
                config.concurrency(), config.partSizeMib());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (loop != null) {
            loop.close();
        }
        if (transfers != null) {
            // Transfers in progress are cut off (their uploads aborted) and handed back: another instance redoes them now.
            transfers.shutdownNow();
            try {
                transfers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                int released = jobs.releaseAll(owner);
                if (released > 0) {
                    LOG.infof("recording archival stopped: %d recording(s) handed back", released);
                }
            } catch (RuntimeException e) {
                LOG.warnf("could not hand recordings back (their leases will lapse): %s", DatabaseFailures.describe(e));
            }
        }
    }

    void claimRound() {
        try {
            metrics.backlog(jobs.oldestPendingAge());
            int free = slots.availablePermits();
            if (free == 0 || stopping) {
                return;
            }
            List<ArchiveJob> claimed = jobs.claim(owner, free, config.claimLease());
            for (ArchiveJob job : claimed) {
                slots.acquireUninterruptibly();
                transfers.execute(() -> {
                    try {
                        archive(job);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            if (!DatabaseFailures.away(e)) {
                throw e;
            }
            LOG.warnf("archival paused, database unavailable: %s", DatabaseFailures.describe(e));
        }
    }

    /** One attempt at one recording, ending in a settled row, a retry later, or nothing (claim lost). */
    void archive(ArchiveJob claimed) {
        ArchiveJob job = claimed;
        try {
            if (job.uploadId() != null) {
                copier.abandon(job);
                job = job.withUploadId(null);
            }
            if (job.attempts() > config.maxAttempts()) {
                giveUp(job, ArchiveOutcome.failed("gave up after " + config.maxAttempts() + " attempts"));
                return;
            }
            while (true) {
                if (job.sourceUrl() == null) {
                    job = refreshed(job, "no link kept");
                    if (job == null) {
                        return;
                    }
                }
                try {
                    StoredObject stored = copier.copy(job, lease(job));
                    if (settlement.settle(job, ArchiveOutcome.archived(stored))) {
                        metrics.archived(stored);
                        LOG.infof("call %s: recording %d archived as %s (%d bytes)", job.callSid(), job.index(), stored.key(),
                                stored.sizeBytes());
                    }
                    return;
                } catch (TransferFailure failure) {
                    metrics.attemptFailed(failure.reason());
                    if (TransferFailure.CLAIM_LOST.equals(failure.reason())) {
                        LOG.debugf("%s: claim lost during the transfer, left to its new owner", job);
                        return;
                    }
                    if (!TransferFailure.LINK_DEAD.equals(failure.reason())) {
                        retryOrFail(job, failure.getMessage());
                        return;
                    }
                    if (job.refreshes() >= config.maxLinkRefreshes()) {
                        giveUp(job, ArchiveOutcome.expired(failure.getMessage() + " after " + job.refreshes()
                                + " fresh link(s) from v3"));
                        return;
                    }
                    job = refreshed(job, failure.getMessage());
                    if (job == null) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The database went away mid-way, or the unforeseen: the claim lapses and the recording is tried again.
            LOG.warnf("%s: attempt abandoned: %s", job, DatabaseFailures.describe(e));
        }
    }

    /**
     * @return the job with a fresh link, or null when the recording was settled (no such recording any more)
     * or put back for later (the account's gate refused the request)
     */
    private ArchiveJob refreshed(ArchiveJob job, String why) {
        LinkRefresher.Refresh refresh = refresher.refresh(job.accountSid(), job.callSid(), job.index());
        if (refresh instanceof LinkRefresher.Refresh.Fresh fresh) {
            if (!jobs.refreshed(job, fresh.url())) {
                return null;
            }
            LOG.infof("call %s: recording %d: %s; fresh link from v3", job.callSid(), job.index(), why);
            return job.withSourceUrl(fresh.url(), job.refreshes() + 1);
        }
        if (refresh instanceof LinkRefresher.Refresh.Gone gone) {
            giveUp(job, ArchiveOutcome.expired(why + "; " + gone.reason()));
            return null;
        }
        LinkRefresher.Refresh.NotNow notNow = (LinkRefresher.Refresh.NotNow) refresh;
        metrics.attemptFailed(ArchiveMetrics.REFRESH_REFUSED);
        Instant at = notNow.retryAt() != null ? notNow.retryAt() : Instant.now().plus(backoff(job.attempts()));
        jobs.retry(job, at, why + "; " + notNow.reason(), false);
        return null;
    }

    private void retryOrFail(ArchiveJob job, String error) {
        if (job.attempts() >= config.maxAttempts()) {
            giveUp(job, ArchiveOutcome.failed(error + " (attempt " + job.attempts() + " of " + config.maxAttempts() + ")"));
        } else {
            jobs.retry(job, Instant.now().plus(backoff(job.attempts())), error, true);
        }
    }

    private void giveUp(ArchiveJob job, ArchiveOutcome outcome) {
        if (settlement.settle(job, outcome)) {
            metrics.givenUp(outcome.status());
            LOG.warnf("call %s: recording %d not archived (%s): %s", job.callSid(), job.index(), outcome.status(),
                    outcome.reason());
        }
    }

    /** Doubling from retry-delay to retry-max-delay, with up to a fifth of jitter so retries of a burst spread out. */
    Duration backoff(int attempts) {
        Duration delay = config.retryDelay();
        for (int i = 1; i < attempts && delay.compareTo(config.retryMaxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(config.retryMaxDelay()) > 0) {
            delay = config.retryMaxDelay();
        }
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 5 + 1));
    }

    private RecordingCopier.Lease lease(ArchiveJob job) {
        return new RecordingCopier.Lease() {
            @Override
            public boolean uploadBegun(String uploadId) {
                return jobs.uploadBegun(job, uploadId);
            }

            @Override
            public boolean renew() {
                return jobs.renew(job, config.claimLease());
            }
        };
    }
}
