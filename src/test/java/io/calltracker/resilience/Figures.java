package io.calltracker.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the fault suite counted, the table it prints and the figures that must hold. */
record Figures(int callsIn, Map<String, Integer> outcomes, int lost, int sameEventRedelivered, int conflictingEvents,
               Duration maxTrackingAge, Duration outcomeSlack, int outcomesAfterMaxAge,
               int sentWhileDatabaseAway, int trackedWithoutRestart,
               int hostileSent, int hostileDeadLettered, int hostileTracked, Map<String, LivenessWatch.Counts> liveness,
               int rateLimited429s, int requestsInsideRetryAfter, int peakRequestsPerMinute, int budgetPerMinute,
               int apiRequests, Duration exotelOutage, int exotelOutageRequests, int kills,
               Map<String, Duration> recovery, Duration elapsed) {

    int outcomesOut() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    int livenessDown() {
        return liveness.values().stream().mapToInt(LivenessWatch.Counts::down).sum();
    }

    /** Trackers that ended while the suite was not stopping them: each one a restart an orchestrator would have made. */
    int restartsBesidesKills() {
        return liveness.values().stream().mapToInt(LivenessWatch.Counts::exitedOnItsOwn).sum();
    }

    /**
     * The promises the suite checks, each a line when it does not hold. Requests inside a Retry-After
     * window: {@code allowedInsideRetryAfter} (0 for {@code make faults}; on a busy CI machine a request
     * already past the gate when another one's 429 arrives cannot be stopped, at most one per 429).
     */
    List<String> violations(int allowedInsideRetryAfter) {
        List<String> violations = new ArrayList<>();
        check(violations, lost == 0, "lost calls: " + lost);
        check(violations, outcomesOut() == callsIn, "outcomes out " + outcomesOut() + " != calls in " + callsIn);
        check(violations, conflictingEvents == 0, "duplicates with different data: " + conflictingEvents);
        check(violations, outcomesAfterMaxAge == 0, "outcomes after max age: " + outcomesAfterMaxAge);
        check(violations, livenessDown() == 0, "liveness DOWN samples: " + liveness);
        check(violations, sentWhileDatabaseAway > 0 && trackedWithoutRestart == sentWhileDatabaseAway,
                "calls sent while PostgreSQL was away " + sentWhileDatabaseAway + ", tracked before any restart " + trackedWithoutRestart);
        check(violations, restartsBesidesKills() == 0, "trackers that ended on their own: " + restartsBesidesKills());
        check(violations, hostileDeadLettered + hostileTracked == hostileSent,
                "hostile inputs sent " + hostileSent + ", dead-lettered " + hostileDeadLettered + ", tracked " + hostileTracked);
        check(violations, peakRequestsPerMinute <= budgetPerMinute, "peak requests/min " + peakRequestsPerMinute + " > " + budgetPerMinute);
        check(violations, requestsInsideRetryAfter >= 0 && requestsInsideRetryAfter <= allowedInsideRetryAfter,
                "requests inside a Retry-After window: " + requestsInsideRetryAfter);
        return violations;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        row(out, "calls in", callsIn);
        row(out, "outcomes out", outcomesOut() + " " + outcomes);
        row(out, "lost (no event)", lost);
        row(out, "duplicate deliveries, same event_id", sameEventRedelivered);
        row(out, "duplicates with a different event_id or data", conflictingEvents);
        row(out, "outcomes later than max age " + maxTrackingAge.toSeconds() + " s (+" + outcomeSlack.toSeconds() + " s; database return)", outcomesAfterMaxAge);
        row(out, "liveness samples DOWN per tracker", liveness.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().down() + " of " + e.getValue().samples()
                        + (e.getValue().unanswered() > 0 ? " (" + e.getValue().unanswered() + " unanswered)" : ""))
                .collect(Collectors.joining(", ")));
        row(out, "tracker restarts besides the suite's own kills", restartsBesidesKills());
        row(out, "sent while PostgreSQL away / tracked before a restart", sentWhileDatabaseAway + " / " + trackedWithoutRestart);
        row(out, "hostile inputs sent / dead-lettered", hostileSent + " / " + hostileDeadLettered
                + (hostileTracked > 0 ? " (+" + hostileTracked + " tracked, NUL stripped)" : ""));
        row(out, "429s received", rateLimited429s);
        row(out, "requests inside a Retry-After window", requestsInsideRetryAfter < 0 ? "not measured" : requestsInsideRetryAfter);
        row(out, "peak requests/min vs budget", peakRequestsPerMinute + " / " + budgetPerMinute);
        row(out, "API requests per call", String.format("%.2f", (double) apiRequests / callsIn));
        if (exotelOutageRequests >= 0) {
            row(out, "requests during " + exotelOutage.toSeconds() + " s of Exotel 500s/timeouts", String.format("%d (%.1f/min)",
                    exotelOutageRequests, exotelOutageRequests * 60_000.0 / exotelOutage.toMillis()));
        }
        row(out, "tracker kills (SIGKILL)", kills);
        recovery.forEach((fault, time) -> row(out, "recovery after " + fault,
                time == null ? "no event after it" : String.format("%.1f s", time.toMillis() / 1000.0)));
        row(out, "wall time", String.format("%.0f s", elapsed.toMillis() / 1000.0));
        return out.toString();
    }

    private static void check(List<String> violations, boolean holds, String violation) {
        if (!holds) {
            violations.add(violation);
        }
    }

    private static void row(StringBuilder out, String name, Object value) {
        out.append(String.format("| %-52s | %-40s |%n", name, value));
    }
}
