package io.calltracker.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The simulated Exotel: the calls it plays, the replies scripted for them, the faults it injects and
 * what it has been asked. Tests inject it; {@link SimulatorResource} exposes it over HTTP.
 */
@ApplicationScoped
public class CallSimulator {

    private final Clock clock = Clock.systemUTC();
    private final CallMix mix = CallMix.realistic();
    private final CallRegistry calls = new CallRegistry();
    private final ScriptedReplies scripts = new ScriptedReplies();
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter();
    private final RequestCounters counters = new RequestCounters();
    private final double timeScale;
    private final FaultSettings faults;
    private final SimulatedCallDetailsApi api;

    CallSimulator(SimulatorConfig config) {
        timeScale = config.timeScale();
        faults = new FaultSettings(
                new Faults(config.errorRate(), config.latency().toMillis(), config.rateLimitPerMinute()));
        api = new SimulatedCallDetailsApi(clock, new BasicCredentials(config.apiKey(), config.apiToken()),
                config.retryAfter(), faults, calls, scripts, limiter, counters);
    }

    /** Starts playing a call now. @throws DuplicateCallException if the SID is taken */
    public RegisteredCall register(SimulatedCallSpec spec) {
        SimulatedCall call = SimulatedCall.from(spec, clock.instant());
        calls.add(call);
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

    /** Queues replies for the next API requests about {@code callSid}, after any already queued. */
    public void script(String callSid, List<ScriptedReply> replies) {
        scripts.append(callSid, replies);
    }

    public Faults faults() {
        return faults.current();
    }

    public Faults setFaults(FaultsUpdate update) {
        return faults.update(update);
    }

    public SimulatorStats stats() {
        var byAccount = counters.snapshot(limiter::peakPerMinute);
        long total = byAccount.values().stream().mapToLong(SimulatorStats.AccountStats::total).sum();
        return new SimulatorStats(total, byAccount,
                new SimulatorStats.CallCounts(calls.size(), calls.terminalCount(clock.instant())));
    }

    /** Forgets calls, scripts, statistics and rate-limit windows; the faults stay as they are. */
    public void reset() {
        calls.clear();
        scripts.clear();
        counters.clear();
        limiter.clear();
    }

    ExotelReply callDetails(String accountSid, String callSid, String authorization) {
        return api.callDetails(accountSid, callSid, authorization);
    }
}
