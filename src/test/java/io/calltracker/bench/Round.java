package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.bench.Workload.PlannedCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One latency setting for one or more strategies: each tracker is started and warmed up, then all of
 * them get the same calls at the same moments, each on its own simulator account, from a fresh
 * simulator state.
 */
final class Round {

    private Round() {
    }

    static Report.RoundResult run(Stack stack, int setting, Duration maxInterval, List<String> strategies,
                                  List<PlannedCall> plan) throws Exception {
        Profile p = stack.profile();
        String label = "setting " + setting + " (poll-max-interval " + Profile.human(maxInterval) + ") " + strategies;
        stack.simulator().reset();
        stack.simulator().rateLimit(p.compressedRate(Profile.ACCOUNT_LIMIT_PER_MINUTE));
        List<StrategyRun> runs = strategies.stream().map(s -> new StrategyRun(stack, s, maxInterval, setting)).toList();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            say("%s: starting and warming up the tracker(s) …", label);
            for (StrategyRun r : runs) { // one at a time: parallel JVM starts on 2 cores only slow each other down
                r.start();
            }
            for (StrategyRun r : runs) {
                r.warmUp();
            }
            stack.simulator().reset(); // the measured traffic starts from zero requests and empty rate windows
            runs.forEach(StrategyRun::startMeasuring);

            long periodMs = Math.max(100, Math.round(60_000 / p.k()));
            sampler.scheduleAtFixedRate(() -> {
                try {
                    JsonNode stats = stack.simulator().stats();
                    long now = System.currentTimeMillis();
                    runs.forEach(r -> r.sample(stats, now));
                } catch (RuntimeException e) {
                    say("stats sample failed: %s", e.getMessage());
                }
            }, 0, periodMs, TimeUnit.MILLISECONDS);

            double plannedSeconds = plan.get(plan.size() - 1).arrivalMs() / p.k() / 1000;
            say("%s: %d calls per strategy over %.0f s (real %s) …", label, plan.size(), plannedSeconds,
                    Profile.human(Duration.ofMillis(plan.get(plan.size() - 1).arrivalMs())));
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
            say("%s: arrivals took %.1f s (planned %.1f s)", label, (System.nanoTime() - start) / 1e9, plannedSeconds);

            Instant deadline = runs.stream().map(StrategyRun::lastTerminalAt).max(Instant::compareTo).orElseThrow()
                    .plus(p.compressed(p.drain()));
            while (!runs.stream().allMatch(StrategyRun::allPublished) && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            JsonNode stats = stack.simulator().stats();
            List<Figures.Run> figures = runs.stream().map(r -> r.figures(stats)).toList();
            Map<String, Long> byEndpoint = new TreeMap<>();
            stats.path("requests_by_endpoint").fields().forEachRemaining(f -> byEndpoint.put(f.getKey(), f.getValue().asLong()));
            say("%s: done in %.0f s", label, (System.nanoTime() - start) / 1e9);
            return new Report.RoundResult(maxInterval.toMillis() / 1000.0, figures, byEndpoint);
        } finally {
            sampler.shutdownNow();
            for (StrategyRun r : runs) {
                r.stop();
            }
        }
    }

    private static final long STARTED = System.nanoTime();

    /** A progress line, with the time since the bench started. */
    static void say(String format, Object... args) {
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - STARTED);
        System.out.printf("[bench %d:%02d] " + format + "%n", Stream.concat(Stream.of(s / 60, s % 60), Stream.of(args)).toArray());
    }
}
