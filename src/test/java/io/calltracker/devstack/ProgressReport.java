package io.calltracker.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/** What {@code make run} prints while it runs: calls in flight, outcomes, API requests. */
final class ProgressReport {

    private final DevDatabase database;
    private final String trackerUrl;
    private final String managementUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    ProgressReport(DevDatabase database, String trackerUrl, String managementUrl) {
        this.database = database;
        this.trackerUrl = trackerUrl;
        this.managementUrl = managementUrl;
    }

    void printWhereToLook(String kafka) {
        DevStack.say("where to look:");
        DevStack.say("  psql \"" + database.jdbcUrl().replace("jdbc:", "").replace("//", "//" + database.user() + "@")
                + "\" -c 'SELECT call_sid, outcome, status, total_talk_time FROM call_record ORDER BY finalised_at DESC LIMIT 10'");
        DevStack.say("  completion events: topic exotel.calls.completed on " + kafka);
        DevStack.say("  admin API: " + trackerUrl + "/admin/calls  (Swagger UI " + managementUrl + "/q/swagger-ui)");
        DevStack.say("  management: " + managementUrl + "/q/health  " + managementUrl + "/q/metrics");
    }

    void print() {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(outcome, 'in_flight'), count(*) FROM tracked_call GROUP BY 1 ORDER BY 1")) {
            StringJoiner line = new StringJoiner("  ");
            while (rs.next()) {
                line.add(rs.getString(1) + "=" + rs.getLong(2));
            }
            DevStack.say("calls: " + (line.length() == 0 ? "none yet" : line) + "  api_requests=" + apiRequests());
        } catch (SQLException e) {
            DevStack.say("waiting for the tracker's schema … (" + e.getMessage() + ")");
        }
    }

    private String apiRequests() {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double total = metrics.body().lines()
                    .filter(line -> line.startsWith("exotel_api_requests_seconds_count"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            return Long.toString((long) total);
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
