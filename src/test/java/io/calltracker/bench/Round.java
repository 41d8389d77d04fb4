package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.bench.Workload.PlannedCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One latency setting: a tracker per strategy, started together and warmed up, then fed the same
 * calls, each strategy on its own simulator account. By default the strategies take turns: the next
 * one's calls start arriving once 90% ({@code turn-done}) of the previous one's have their event, so
 * only the long tails overlap (on 2 cores, trackers under full load at the same time starve each
 * other); with {@code parallel=true} all get each call at the same moment.
 */
final class Round {

    private Round() {
    }

    static Report.RoundResult run(Stack stack, int setting, Duration knob, List<PlannedCall> plan) throws Exception {
        return run(stack, setting, knob, plan, stack.profile().strategies());
    }

    /** The round with only these strategies (e.g. bulk alone, against one simulator v1 model). */
    static Report.RoundResult run(Stack stack, int setting, Duration knob, List<PlannedCall> plan, List<String> strategies)
            throws Exception {
        String label = "setting " + setting + " (L = " + Profile.human(knob) + ")";
        List<StrategyRun> runs = strategies.stream().map(s -> new StrategyRun(stack, s, knob, setting)).toList();
        try {
            say("%s: starting %s …", label, runs.stream().map(StrategyRun::name).toList());
            CompletableFuture.allOf(runs.stream().map(r -> CompletableFuture.runAsync(() -> {
                try {
                    r.start();
                    r.warmUp();
                } catch (Exception e) {
                    throw new IllegalStateException(r.name() + " did not start", e);
                }
            })).toArray(CompletableFuture[]::new)).join();
            return measure(stack, label, knob, runs, plan);
        } finally {
            for (StrategyRun r : runs) {
                r.stop();
            }
        }
    }

    private static Report.RoundResult measure(Stack stack, String label, Duration knob, List<StrategyRun> runs,
                                              List<PlannedCall> plan) throws Exception {
        Profile p = stack.profile();
        stack.simulator().reset(); // from zero requests and empty rate windows; the warm-up is not counted
        stack.simulator().rateLimit(p.compressedRate(Profile.ACCOUNT_LIMIT_PER_MINUTE));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    JsonNode stats = stack.simulator().stats();
                    long now = System.currentTimeMillis();
                    runs.forEach(r -> r.sample(stats, now));
                } catch (RuntimeException e) {
                    say("stats sample failed: %s", e.getMessage());
                }
            }, 0, Math.max(100, Math.round(60_000 / p.k())), TimeUnit.MILLISECONDS);

            long start = System.nanoTime();
            for (List<StrategyRun> turn : p.parallel() ? List.of(runs) : runs.stream().map(List::of).toList()) {
                arrive(stack, label, turn, plan);
                if (!p.parallel()) {
                    Instant turnDeadline = turn.get(0).lastTerminalAt().plus(p.compressed(p.drain()));
                    while (turn.get(0).publishedShare() < p.turnDone() && Instant.now().isBefore(turnDeadline)) {
                        TimeUnit.MILLISECONDS.sleep(100);
                    }
                }
            }
            Instant deadline = runs.stream().map(StrategyRun::lastTerminalAt).max(Instant::compareTo).orElseThrow()
                    .plus(p.compressed(p.drain()));
            say("%s: waiting for the last events …", label);
            while (!runs.stream().allMatch(StrategyRun::allPublished) && Instant.now().isBefore(deadline)) {
                runs.forEach(StrategyRun::allPublished); // each run notes the moment it is complete
                TimeUnit.MILLISECONDS.sleep(100);
            }
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            JsonNode stats = stack.simulator().stats();
            Map<String, Long> byEndpoint = new TreeMap<>();
            stats.path("requests_by_endpoint").fields().forEachRemaining(f -> byEndpoint.put(f.getKey(), f.getValue().asLong()));
            List<Figures.Run> figures = runs.stream().map(r -> r.figures(stats, v1Requests(r, runs, byEndpoint))).toList();
            say("%s: done in %.0f s", label, (System.nanoTime() - start) / 1e9);
            return new Report.RoundResult(knob.toMillis() / 1000.0, figures, byEndpoint);
        } finally {
            sampler.shutdownNow();
        }
    }

    /**
     * A run's v1 requests. The simulator counts requests by endpoint only for all accounts together, but
     * only a tracker with the sweep on calls v1: a run without it made none, and while a single run of the
     * round sweeps, the round's v1_bulk count is all its own.
     */
    private static OptionalLong v1Requests(StrategyRun run, List<StrategyRun> runs, Map<String, Long> byEndpoint) {
        if (!run.sweeps()) {
            return OptionalLong.of(0);
        }
        return runs.stream().filter(StrategyRun::sweeps).count() == 1
                ? OptionalLong.of(byEndpoint.getOrDefault("v1_bulk", 0L)) : OptionalLong.empty();
    }

    /** The plan's calls at their moments (÷ k) to these runs; returns when all have arrived. */
    private static void arrive(Stack stack, String label, List<StrategyRun> runs, List<PlannedCall> plan) throws Exception {
        Profile p = stack.profile();
        String who = label + " " + runs.stream().map(StrategyRun::strategy).toList();
        double plannedSeconds = plan.get(plan.size() - 1).arrivalMs() / p.k() / 1000;
        say("%s: %d calls over %.0f s (real %s) …", who, plan.size(), plannedSeconds,
                Profile.human(Duration.ofMillis(plan.get(plan.size() - 1).arrivalMs())));
        runs.forEach(StrategyRun::startMeasuring);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> arrivals = new ArrayList<>();
        for (PlannedCall call : plan) {
            long wait = start + Math.round(call.arrivalMs() * 1_000_000 / p.k()) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the arrival schedule itself
            }
            runs.forEach(r -> arrivals.add(r.arrive(call)));
        }
        CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).join();
        stack.producer().flush();
        runs.forEach(StrategyRun::arrivalsDone);
        say("%s: arrivals took %.1f s (planned %.1f s)", who, (System.nanoTime() - start) / 1e9, plannedSeconds);
    }

    private static final long STARTED = System.nanoTime();

    /** A progress line, with the time since the bench started. */
    static void say(String format, Object... args) {
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - STARTED);
        System.out.printf("[bench %d:%02d] " + format + "%n", Stream.concat(Stream.of(s / 60, s % 60), Stream.of(args)).toArray());
    }
}
