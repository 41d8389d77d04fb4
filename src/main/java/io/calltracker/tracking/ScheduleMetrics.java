package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.SkipUntilTracking;
import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the schedule every 15 s rather than on each scrape, so a busy Prometheus never
 * loads the database: calls in flight by account and phase, and the age of the oldest one.
 */
@ApplicationScoped
public class ScheduleMetrics {

    private static final Logger LOG = Logger.getLogger(ScheduleMetrics.class);
    private static final String IN_FLIGHT = """
            SELECT account_sid, phase, count(*), coalesce(extract(epoch FROM now() - min(first_seen_at)), 0)
              FROM tracked_call WHERE outcome IS NULL GROUP BY account_sid, phase
            """;

    private final AgroalDataSource dataSource;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public ScheduleMetrics(AgroalDataSource dataSource, MeterRegistry meters, Accounts accounts) {
        this.dataSource = dataSource;
        this.meters = meters;
        for (Account account : accounts.all()) {
            for (CallPhase phase : CallPhase.values()) {
                gauge(account.sid(), phase.wireName());
            }
        }
        Gauge.builder("tracker.oldest.in.flight.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest call still being tracked").register(meters);
    }

    @Scheduled(every = "15s", skipExecutionIf = SkipUntilTracking.class)
    void refresh() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(IN_FLIGHT)) {
            inFlight.values().forEach(count -> count.set(0));
            long oldest = 0;
            while (rs.next()) {
                gauge(rs.getString(1), rs.getString(2)).set(rs.getLong(3));
                oldest = Math.max(oldest, (long) rs.getDouble(4));
            }
            oldestAgeSeconds.set(oldest);
        } catch (SQLException e) {
            LOG.debugf("in-flight gauges not refreshed: %s", e.getMessage());
        }
    }

    private AtomicLong gauge(String account, String phase) {
        return inFlight.computeIfAbsent(account + "/" + phase, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tracker.calls.in.flight", value, AtomicLong::get)
                    .tags("account", account, "phase", phase)
                    .description("Calls being tracked, by the phase their last poll showed")
                    .register(meters);
            return value;
        });
    }
}
