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
 * ended, so that v3 requests go only to calls whose record is ready. A request asks about the 100 calls
 * looked at least recently, young ones too, so every request is full (PollSchedule.CLAIM_SWEEP), paced
 * to one per sweep interval × 100 ÷ calls in flight across all instances (AccountWork.sweepDue, the
 * account's slot in bulk_sweep_pace): each call is looked at once an interval on average, never more
 * than two intervals apart, at N/100 requests per interval for N calls in flight. A call v1 lists as ended and
 * processed (EndTime/Duration filled) becomes due at once; one listed as ended but not processed is
 * looked at again by the next sweep, ahead of ongoing calls (its look is back-dated by a pace). Calls v1 leaves out are ongoing (or unknown: the per-call safety
 * net finds those). If the account cannot use v1, or v1's answers contradict this model too often
 * ({@link ModelWatch}), its calls fall back to per-call polling. With
 * {@code tracker.bulk.processing-sweep-interval} set, an account whose status callbacks come when calls end
 * ({@link CallbackTiming#callbacksComeEarly}) also gets a post-processing sweep: its calls known to have
 * ended are asked about that often, in one request with the other calls (PollSchedule.CLAIM_PROCESSING_SWEEP).
 */
@ApplicationScoped
public class BulkSweeper {

    private static final Logger LOG = Logger.getLogger(BulkSweeper.class);

    private final PollSchedule schedule;
    private final ExotelClient exotel;
    private final AccountGate gate;
    private final BulkAvailability availability;
    private final ModelWatch modelWatch;
    private final MeterRegistry meters;
    private final boolean enabled;
    private final int chunkSize;
    private final Duration sweepInterval;
    private final Duration pollMinInterval;
    private final Duration pollMaxInterval;
    private final Optional<Duration> processingSweepInterval;
    private final CallbackTiming callbacks;

    public BulkSweeper(PollSchedule schedule, ExotelClient exotel, AccountGate gate, BulkAvailability availability,
                       ModelWatch modelWatch, TrackerConfig config, MeterRegistry meters, CallbackTiming callbacks) {
        this.modelWatch = modelWatch;
        this.schedule = schedule;
        this.exotel = exotel;
        this.gate = gate;
        this.availability = availability;
        this.meters = meters;
        this.chunkSize = config.bulk().chunkSize();
        this.enabled = config.bulk().enabled();
        this.sweepInterval = config.bulk().sweepInterval();
        this.pollMinInterval = config.pollMinInterval();
        this.pollMaxInterval = config.pollMaxInterval();
        this.processingSweepInterval = config.bulk().processingSweepInterval();
        this.callbacks = callbacks;
    }

    /**
     * Whether ended calls of the account are looked at by a post-processing sweep: v1 answers, the sweep is
     * configured, and the account's callbacks come when its calls end. Otherwise a call a callback marked
     * ended needs a per-call look when it can be terminal, or it would wait for the ordinary sweep.
     */
    public boolean watchesEndedCalls(Account account) {
        return processingSweepInterval.isPresent() && availability.watching(account)
                && callbacks.callbacksComeEarly(account.sid());
    }

    /** Calls in flight are counted up to this many chunks; beyond it the pace stays that of the cap. */
    static final int COUNTED_CHUNKS = 10;

    /** How far a claim round counts an account's calls in flight to pace its sweep; with bulk off, not at all. */
    int inFlightCountCap() {
        return enabled ? COUNTED_CHUNKS * chunkSize : 0;
    }

    /**
     * The sweeper's work for the account this turn, if any: a sweep due, ended calls a post-processing sweep
     * may be due for, or (v1 refused) calls to bring forward. An account with calls in flight but nothing
     * due costs a claim round nothing, not even its gate.
     */
    Optional<SweepTurn> turn(Account account, AccountWork work) {
        if (!enabled) {
            return Optional.empty();
        }
        if (!availability.watching(account)) {
            return Optional.of(new SweepTurn.PullIn());
        }
        boolean processing = watchesEndedCalls(account);
        Optional<AccountWork.SweepSlot> slot = work.sweepDue(sweepInterval, chunkSize);
        return processing || slot.isPresent() ? Optional.of(new SweepTurn.Ask(processing, slot)) : Optional.empty();
    }

    /** What {@link #sweep} does in an account's turn. */
    sealed interface SweepTurn {
        /** v1 refused the account: its calls waiting on the safety net are brought forward to per-call pace. */
        record PullIn() implements SweepTurn {
        }

        /**
         * A v1 request: first for the post-processing sweep's calls when {@code processing}, else (or when none
         * is due) for the paced sweep's, when {@code paced} holds a slot.
         */
        record Ask(boolean processing, Optional<AccountWork.SweepSlot> paced) implements SweepTurn {
        }
    }

    /**
     * Sends at most one sweep request for the account: one when its pace allows (or a call has gone
     * unlooked-at for two intervals), none when no call is due a look, another instance took the slot, or
     * {@code mayRequest} is false (its rate share is spent). One a turn, so an account with thousands of
     * calls in flight takes turns with the others instead of holding the claim round for all its sweeps: the
     * round comes back to it while this answers true, and a backlog is caught up pass after pass (issue 12:
     * an account saturating its share does not delay another's calls).
     *
     * @return true when a full chunk was answered, so another sweep of the account may be due at once
     */
    boolean sweep(Account account, SweepTurn turn, boolean mayRequest, AccountWork work) {
        if (turn instanceof SweepTurn.PullIn) {
            int pulled = schedule.pullIn(account.sid(), pollMinInterval, pollMaxInterval);
            if (pulled > 0) {
                LOG.infof("account %s: %d calls moved from the bulk safety net to per-call polling", account.sid(), pulled);
            }
            return false;
        }
        SweepTurn.Ask ask = (SweepTurn.Ask) turn;
        if (!mayRequest) {
            return false;
        }
        // The post-processing sweep already asks about ended calls first; back-dated looks would make them due
        // to it again at once.
        Duration backDate = ask.processing() ? Duration.ZERO : work.pace(sweepInterval, chunkSize);
        if (ask.processing()) {
            List<PollSchedule.Swept> swept = schedule.claimProcessingSweep(account.sid(),
                    work.now().minus(processingSweepInterval.orElseThrow()), chunkSize);
            if (!swept.isEmpty()) {
                return send(account, swept, backDate) && swept.size() == chunkSize;
            }
        }
        Optional<AccountWork.SweepSlot> slot = ask.paced();
        if (slot.isEmpty() || !schedule.takeSweepSlot(account.sid(), slot.get().lastSentBefore())) {
            return false;
        }
        List<PollSchedule.Swept> swept = schedule.claimSweep(account.sid(), slot.get().dueBefore(), chunkSize);
        return !swept.isEmpty() && send(account, swept, backDate) && swept.size() == chunkSize;
    }

    /** @return whether the answer was usable, so the account may be swept again this round */
    private boolean send(Account account, List<PollSchedule.Swept> swept, Duration backDate) {
        List<String> sids = swept.stream().map(PollSchedule.Swept::callSid).toList();
        Exchange<PollResult> exchange = gate.exchange(account, ExotelRequest.poll(() -> exotel.fetchEndedCalls(account, sids)));
        if (!(exchange instanceof Exchange.Answered<PollResult> answered)) {
            schedule.unsweep(sids);
            return false;
        }
        return apply(account, swept, answered.answer(), backDate);
    }

    private boolean apply(Account account, List<PollSchedule.Swept> swept, PollResult result, Duration pace) {
        List<String> sids = swept.stream().map(PollSchedule.Swept::callSid).toList();
        if (result instanceof PollResult.Ended ended) {
            availability.answered(account);
            // Before the listed calls become due, so that the v3 fetch a listing prompts finds it recorded.
            modelWatch.swept(account, swept, ended.calls());
            onEnded(account, sids, ended.calls(), pace);
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

    private void onEnded(Account account, List<String> asked, List<V1Calls.Call> listed, Duration pace) {
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
            schedule.markPostProcessing(processing, pace);
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
