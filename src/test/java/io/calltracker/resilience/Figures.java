package io.calltracker.resilience;

import java.time.Duration;
import java.util.Map;

/** What the fault suite counted, and the table it prints. */
record Figures(int callsIn, Map<String, Integer> outcomes, int lost, int sameEventRedelivered, int conflictingEvents,
               int badInputsSent, int deadLettered, int rateLimited429s, int requestsInsideRetryAfter,
               int peakRequestsPerMinute, int budgetPerMinute, int apiRequests, int kills,
               Map<String, Duration> recovery, Duration elapsed) {

    int outcomesOut() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        row(out, "calls in", callsIn);
        row(out, "outcomes out", outcomesOut() + " " + outcomes);
        row(out, "lost (no event)", lost);
        row(out, "duplicate deliveries, same event_id", sameEventRedelivered);
        row(out, "duplicates with a different event_id or data", conflictingEvents);
        row(out, "bad inputs sent / dead-lettered", badInputsSent + " / " + deadLettered);
        row(out, "429s received", rateLimited429s);
        row(out, "requests inside a Retry-After window", requestsInsideRetryAfter < 0 ? "not measured" : requestsInsideRetryAfter);
        row(out, "peak requests/min vs budget", peakRequestsPerMinute + " / " + budgetPerMinute);
        row(out, "API requests per call", String.format("%.2f", (double) apiRequests / callsIn));
        row(out, "tracker kills (SIGKILL)", kills);
        recovery.forEach((fault, time) -> row(out, "recovery after " + fault,
                time == null ? "no event after it" : String.format("%.1f s", time.toMillis() / 1000.0)));
        row(out, "wall time", String.format("%.0f s", elapsed.toMillis() / 1000.0));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Object value) {
        out.append(String.format("| %-52s | %-40s |%n", name, value));
    }
}
