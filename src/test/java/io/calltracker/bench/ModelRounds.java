package io.calltracker.bench;

import io.calltracker.bench.Workload.PlannedCall;
import io.calltracker.testing.TrackerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.calltracker.bench.Round.say;

/**
 * {@code models=listed-at-end,endtime-at-end,listed-when-terminal}: the bulk strategy against each simulator
 * v1 model in turn (issue 12, item 5), at the first latency setting, the same calls each time. Per model:
 * requests/call, p95/p99, calls lost (no event, or an outcome other than terminal), the contradictions the
 * tracker counted and how often it switched the account to per-call polling. listed-when-terminal lists a
 * call up to 60 s (real) after v3 turned terminal.
 */
final class ModelRounds {

    /** The bulk safety net's real interval (tracker.bulk.safety-net-interval as the bench sets it): p99's ceiling. */
    static final Duration SAFETY_NET = Duration.ofMinutes(20);
    private static final String DEFAULT_MODEL = "listed-at-end";
    private static final Duration VENDOR_MAX_LAG = Duration.ofSeconds(60);
    private static final Pattern CONTRADICTION = Pattern.compile(
            "^tracker_bulk_model_contradictions_total\\{(.*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern KIND = Pattern.compile("kind=\"([^\"]*)\"");

    /**
     * @param lost     calls without an event plus calls whose event is not terminal (every call here ends terminal)
     * @param switches how often the tracker switched the account to per-call polling for contradictions
     */
    record Result(String model, Figures.Run run, long lost, long switches) {
    }

    private ModelRounds() {
    }

    static List<Result> run(Stack stack, List<PlannedCall> plan) throws Exception {
        Profile p = stack.profile();
        Duration knob = p.settings().get(0);
        List<Result> results = new ArrayList<>();
        try {
            for (int i = 0; i < p.models().size(); i++) {
                String model = p.models().get(i);
                stack.simulator().v1Model(model, p.compressed(VENDOR_MAX_LAG));
                say("model %s: the bulk strategy at L = %s …", model, Profile.human(knob));
                int setting = 101 + i;
                // Tracker logs are appended to; the switches counted are this run's only.
                Files.deleteIfExists(log("bench-s" + setting + "-bulk"));
                Report.RoundResult round = Round.run(stack, setting, knob, plan, List.of("bulk"));
                Figures.Run run = round.runs().get(0);
                long notTerminal = run.outcomes().entrySet().stream().filter(e -> !"terminal".equals(e.getKey()))
                        .mapToLong(Map.Entry::getValue).sum();
                results.add(new Result(model, run, run.unfinished() + notTerminal, switches("bench-s" + setting + "-bulk")));
            }
        } finally {
            stack.simulator().v1Model(DEFAULT_MODEL, p.compressed(VENDOR_MAX_LAG));
        }
        return results;
    }

    /** The tracker's contradiction counters for the account, by kind, read from its management interface. */
    static Map<String, Long> contradictions(TrackerProcess tracker, String account) {
        Map<String, Long> byKind = new TreeMap<>();
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tracker.managementUrl()
                    + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher line = CONTRADICTION.matcher(metrics);
            while (line.find()) {
                Matcher kind = KIND.matcher(line.group(1));
                if (line.group(1).contains("account=\"" + account + "\"") && kind.find()) {
                    byKind.put(kind.group(1), Math.round(Double.parseDouble(line.group(2))));
                }
            }
        } catch (IOException e) {
            say("could not read %s's metrics: %s", tracker.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return byKind;
    }

    private static Path log(String trackerName) {
        return Path.of("target", "it-logs", trackerName + ".log");
    }

    /** Switches to per-call polling for contradictions, counted from the tracker's log (one WARN each). */
    private static long switches(String trackerName) {
        try (var lines = Files.lines(log(trackerName))) {
            return lines.filter(l -> l.contains("bulk model checks contradicted the model")).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
