package io.calltracker.tracking;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.ExotelClient;
import io.calltracker.exotel.PollResult;
import io.calltracker.exotel.V1Calls;
import io.calltracker.guard.AccountGate;
import io.calltracker.guard.Exchange;
import io.calltracker.guard.ExotelRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bulk end-detection: asks v1 Bulk Call Details, up to 100 SIDs a request, which in-flight calls have
 * ended, so that v3 requests go only to calls whose record is ready. Once the account's oldest look at
 * a call is a sweep interval old, a request asks about the 100 calls looked at least recently, young
 * ones too, so every request is full (PollSchedule.CLAIM_SWEEP): each call is looked at at least once
 * an interval, at N/100 requests per interval for N calls in flight. A call v1 lists as ended and
 * processed (EndTime/Duration filled) becomes due at once; one listed as ended but not processed is
 * looked at again by the next sweep. Calls v1 leaves out are ongoing (or unknown: the per-call safety
 * net finds those). If the account cannot use v1, its calls fall back to per-call polling.
 */
@ApplicationScoped
public class BulkSweeper {

    private static final Logger LOG = Logger.getLogger(BulkSweeper.class);

    private final PollSchedule schedule;
    private final ExotelClient exotel;
    private final AccountGate gate;
    private final BulkAvailability availability;
    private final MeterRegistry meters;
    private final int chunkSize;
    private final Duration sweepInterval;
    private final Duration pollMinInterval;
    private final Duration pollMaxInterval;

    public BulkSweeper(PollSchedule schedule, ExotelClient exotel, AccountGate gate, BulkAvailability availability,
                       TrackerConfig config, MeterRegistry meters) {
        this.schedule = schedule;
        this.exotel = exotel;
        this.gate = gate;
        this.availability = availability;
        this.meters = meters;
        this.chunkSize = Math.min(ExotelClient.MAX_BULK_SIDS, Math.max(1, config.bulk().chunkSize()));
        this.sweepInterval = config.bulk().sweepInterval();
        this.pollMinInterval = config.pollMinInterval();
        this.pollMaxInterval = config.pollMaxInterval();
    }

    /**
     * Whether the account has sweeper work this round: a sweep due, or (v1 refused) calls to bring forward.
     * An account with calls in flight but nothing due costs a claim round nothing, not even its gate.
     */
    boolean hasWork(Account account, AccountWork work) {
        return !availability.watching(account) || work.sweepDueBefore(sweepInterval).isPresent();
    }

    /**
     * Sends at most one sweep request for the account, none when no call is due a look or {@code mayRequest}
     * is false (its rate share is spent). One a turn, so an account with thousands of calls in flight takes
     * turns with the others instead of holding the claim round for all its sweeps: the round comes back to
     * it while this answers true (issue 12: an account saturating its share does not delay another's calls).
     * For an account v1 refuses, brings calls waiting on the safety net forward to per-call pace instead.
     *
     * @return true when a full chunk was answered, so another sweep of the account may be due at once
     */
    boolean sweep(Account account, boolean mayRequest, AccountWork work) {
        if (!availability.watching(account)) {
            int pulled = schedule.pullIn(account.sid(), pollMinInterval, pollMaxInterval);
            if (pulled > 0) {
                LOG.infof("account %s: %d calls moved from the bulk safety net to per-call polling", account.sid(), pulled);
            }
            return false;
        }
        Optional<Instant> dueBefore = work.sweepDueBefore(sweepInterval);
        if (!mayRequest || dueBefore.isEmpty()) {
            return false;
        }
        List<String> sids = schedule.claimSweep(account.sid(), dueBefore.get(), chunkSize);
        if (sids.isEmpty()) {
            return false;
        }
        Exchange<PollResult> exchange = gate.exchange(account, ExotelRequest.poll(() -> exotel.fetchEndedCalls(account, sids)));
        if (!(exchange instanceof Exchange.Answered<PollResult> answered)) {
            schedule.unsweep(sids);
            return false;
        }
        return apply(account, sids, answered.answer()) && sids.size() == chunkSize;
    }

    /** @return whether the answer was usable, so the account may be swept again this round */
    private boolean apply(Account account, List<String> sids, PollResult result) {
        if (result instanceof PollResult.Ended ended) {
            availability.answered(account);
            onEnded(account, sids, ended.calls());
            count(account, "ok");
            return true;
        }
        schedule.unsweep(sids);
        if (result instanceof PollResult.BulkUnsupported unsupported) {
            availability.refused(account, unsupported.httpStatus());
            count(account, "refused");
        } else {
            LOG.debugf("account %s: sweep of %d calls not answered (%s); they are swept again first", account.sid(),
                    sids.size(), result);
            count(account, "fault");
        }
        return false;
    }

    private void onEnded(Account account, List<String> asked, List<V1Calls.Call> listed) {
        Set<String> askedFor = new HashSet<>(asked);
        // Only SIDs we asked about count: the answer cannot make us fetch calls we do not track.
        Map<Boolean, List<String>> byProcessed = listed.stream()
                .filter(call -> askedFor.contains(call.sid()))
                .collect(Collectors.partitioningBy(V1Calls.Call::processed,
                        Collectors.mapping(V1Calls.Call::sid, Collectors.toList())));
        List<String> ready = byProcessed.get(true);
        List<String> processing = byProcessed.get(false);
        if (!ready.isEmpty()) {
            schedule.dueNow(ready, CallPhase.POST_PROCESSING);
        }
        if (!processing.isEmpty()) {
            schedule.markPhase(processing, CallPhase.POST_PROCESSING);
        }
        meters.counter("tracker.bulk.calls", "account", account.sid(), "seen", "ended_processed").increment(ready.size());
        meters.counter("tracker.bulk.calls", "account", account.sid(), "seen", "ended_processing").increment(processing.size());
        meters.counter("tracker.bulk.calls", "account", account.sid(), "seen", "ongoing")
                .increment(asked.size() - ready.size() - processing.size());
    }

    private void count(Account account, String result) {
        meters.counter("tracker.bulk.sweeps", "account", account.sid(), "result", result).increment();
    }
}
