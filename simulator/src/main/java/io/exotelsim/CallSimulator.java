package io.exotelsim;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The simulated Exotel: the calls it plays, the replies scripted for them, the faults it injects, the
 * status callbacks it pushes and what it has been asked. Tests inject it; {@link SimulatorResource}
 * exposes it over HTTP.
 */
@ApplicationScoped
public class CallSimulator {

    private final Clock clock = Clock.systemUTC();
    private final CallMix mix = CallMix.realistic();
    private final CallRegistry calls = new CallRegistry();
    private final ScriptedReplies scripts = new ScriptedReplies();
    private final ScriptedReplies legScripts = new ScriptedReplies();
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter();
    private final RequestCounters counters = new RequestCounters();
    private final CallbackCounters callbackCounters = new CallbackCounters();
    // A daemon thread, started only when the first callback is scheduled, so that it never holds up the JVM's exit.
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "simulator-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final double timeScale;
    private final FaultSettings faults;
    private final V1ModelSetting v1Model;
    private final SimulatedCallDetailsApi callDetailsApi;
    private final SimulatedCallLegsApi legsApi;
    private final RetryAfterWindows retryAfterWindows = new RetryAfterWindows();
    private final SimulatedBulkCallsApi bulkCallsApi;
    private final StatusCallbacks callbacks;
    private final RecordingFiles recordingFiles;

    CallSimulator(SimulatorConfig config) {
        recordingFiles = new RecordingFiles(config.publicUrl());
        timeScale = config.timeScale();
        faults = new FaultSettings(
                Faults.initial(config.errorRate(), config.latency().toMillis(), config.rateLimitPerMinute()));
        SimulatedApiGate gate = new SimulatedApiGate(clock, new BasicCredentials(config.apiKey(), config.apiToken()),
                config.retryAfter(), faults, limiter, counters, retryAfterWindows);
        callDetailsApi = new SimulatedCallDetailsApi(gate, calls, scripts);
        legsApi = new SimulatedCallLegsApi(gate, calls, legScripts);
        v1Model = new V1ModelSetting(V1Listing.initial(V1Model.of(config.v1Model()), timeScale));
        bulkCallsApi = new SimulatedBulkCallsApi(gate, calls, v1Model);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        callbacks = new StatusCallbacks(clock, scheduler, http, faults, calls, callbackCounters);
    }

    /** Starts playing a call now. @throws DuplicateCallException if the SID is taken */
    public RegisteredCall register(SimulatedCallSpec spec) {
        SimulatedCall call = SimulatedCall.from(spec, clock.instant(), recordingFiles);
        calls.add(call);
        if (spec.servedRecordings() != null) {
            recordingFiles.serve(call.sid(), call.accountSid(), call.recordingCount(), spec.servedRecordings());
        }
        callbacks.schedule(call);
        return RegisteredCall.of(call);
    }

    /** Starts {@code count} calls drawn from a realistic mix, compressed by the configured time scale. */
    public List<String> registerRandom(String accountSid, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        return IntStream.range(0, count)
                .mapToObj(i -> register(mix.draw(accountSid, ThreadLocalRandom.current(), timeScale)).sid())
                .toList();
    }

    /** The call registered under {@code sid}, whichever account it belongs to. */
    public Optional<RegisteredCall> call(String sid) {
        return calls.find(sid).map(RegisteredCall::of);
    }

    /** Queues replies for the next v3 Call Details requests about {@code callSid}, after any already queued. */
    public void script(String callSid, List<ScriptedReply> replies) {
        scripts.append(callSid, replies);
    }

    /** Queues replies for the next v3 Call Legs requests about {@code callSid}, after any already queued. */
    public void scriptLegs(String callSid, List<ScriptedReply> replies) {
        legScripts.append(callSid, replies);
    }

    public Faults faults() {
        return faults.current();
    }

    public Faults setFaults(FaultsUpdate update) {
        return faults.update(update);
    }

    public V1Listing v1Model() {
        return v1Model.current();
    }

    public V1Listing setV1Model(V1ModelSetting.Update update) {
        return v1Model.update(update);
    }

    public CallbackModel callbackModel() {
        return callbacks.model();
    }

    /** Replaces the callback model for calls registered from now on; a reset keeps it, as it keeps the faults. */
    public CallbackModel setCallbackModel(CallbackModel model) {
        return callbacks.setModel(model);
    }

    public SimulatorStats stats() {
        var byAccount = counters.snapshot(limiter::peakPerMinute, retryAfterWindows::insideWindows);
        long total = byAccount.values().stream().mapToLong(SimulatorStats.AccountStats::total).sum();
        return new SimulatorStats(total, byAccount, counters.byEndpoint(),
                new SimulatorStats.CallCounts(calls.size(), calls.terminalCount(clock.instant())),
                callbackCounters.snapshot());
    }

    /**
     * Forgets calls (their pending callbacks are not sent), scripts, statistics and rate-limit windows;
     * the faults stay as they are.
     */
    public void reset() {
        calls.clear();
        recordingFiles.clear();
        scripts.clear();
        legScripts.clear();
        counters.clear();
        retryAfterWindows.clear();
        callbackCounters.clear();
        limiter.clear();
    }

    /** The call's served recordings with their sizes and SHA-256; empty when the call's recordings are not served. */
    public Optional<List<RecordingFiles.Description>> recordings(String callSid) {
        return recordingFiles.describe(callSid);
    }

    RecordingFiles.Download downloadRecording(String accountSid, String callSid, int index, Long expires, String signature) {
        return recordingFiles.download(accountSid, callSid, index, expires, signature, clock.instant());
    }

    @PreDestroy
    void stopCallbacks() {
        scheduler.shutdownNow();
    }

    ExotelReply callDetails(String accountSid, String callSid, String authorization) {
        return callDetailsApi.callDetails(accountSid, callSid, authorization);
    }

    ExotelReply legs(String accountSid, String callSid, String authorization) {
        return legsApi.legs(accountSid, callSid, authorization);
    }

    ExotelReply bulkCallDetails(String accountSid, String sids, String authorization) {
        return bulkCallsApi.calls(accountSid, sids, authorization);
    }
}
