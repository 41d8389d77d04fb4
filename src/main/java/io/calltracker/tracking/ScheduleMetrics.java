package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.SkipUntilTracking;
import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the schedule every 15 s rather than on each scrape, so a busy Prometheus never
 * loads the database: calls in flight by account and phase, the age of the oldest one, and the calls
 * past their outcome deadline by account.
 * <p>
 * A call's outcome is due at {@code tracker.max-tracking-age}; {@link Expiry} ends it at its next pass
 * ({@code tracker.expiry-interval}), or once a poller's lease on it ends ({@code tracker.claim-lease}).
 * A call still in flight after all three is <em>overdue</em>: nothing legitimate keeps it, so
 * {@code tracker_calls_overdue} is what the stuck-calls alert watches, whatever the configured max age.
 */
// At start-up, not on first use: its series are on /q/metrics from the first scrape, not after some call or timer.
@Startup
@ApplicationScoped
public class ScheduleMetrics {

    private static final Logger LOG = Logger.getLogger(ScheduleMetrics.class);
    private static final String IN_FLIGHT = """
            SELECT account_sid, phase, count(*), coalesce(extract(epoch FROM now() - min(first_seen_at)), 0),
                   count(*) FILTER (WHERE first_seen_at < now() - make_interval(secs => ?))
              FROM tracked_call WHERE outcome IS NULL GROUP BY account_sid, phase
            """;

    private final AgroalDataSource dataSource;
    private final MeterRegistry meters;
    private final double deadlineSeconds;
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overdue = new ConcurrentHashMap<>();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public ScheduleMetrics(AgroalDataSource dataSource, MeterRegistry meters, Accounts accounts, TrackerConfig config) {
        this.dataSource = dataSource;
        this.meters = meters;
        this.deadlineSeconds = outcomeDeadline(config).toMillis() / 1000.0;
        for (Account account : accounts.all()) {
            for (CallPhase phase : CallPhase.values()) {
                inFlightGauge(account.sid(), phase.wireName());
            }
            overdueGauge(account.sid());
        }
        Gauge.builder("tracker.oldest.in.flight.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest call still being tracked").register(meters);
    }

    /** How long after first being seen a call has its outcome at the latest. */
    static Duration outcomeDeadline(TrackerConfig config) {
        return config.maxTrackingAge().plus(config.expiryInterval()).plus(config.claimLease());
    }

    @Scheduled(every = "15s", skipExecutionIf = SkipUntilTracking.class)
    void refresh() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(IN_FLIGHT)) {
            s.setDouble(1, deadlineSeconds);
            try (ResultSet rs = s.executeQuery()) {
                inFlight.values().forEach(count -> count.set(0));
                overdue.values().forEach(count -> count.set(0));
                long oldest = 0;
                while (rs.next()) {
                    inFlightGauge(rs.getString(1), rs.getString(2)).set(rs.getLong(3));
                    oldest = Math.max(oldest, (long) rs.getDouble(4));
                    overdueGauge(rs.getString(1)).addAndGet(rs.getLong(5));
                }
                oldestAgeSeconds.set(oldest);
            }
        } catch (SQLException e) {
            LOG.debugf("in-flight gauges not refreshed: %s", e.getMessage());
        }
    }

    private AtomicLong inFlightGauge(String account, String phase) {
        return inFlight.computeIfAbsent(account + "/" + phase, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tracker.calls.in.flight", value, AtomicLong::get)
                    .tags("account", account, "phase", phase)
                    .description("Calls being tracked, by the phase their last poll showed")
                    .register(meters);
            return value;
        });
    }

    private AtomicLong overdueGauge(String account) {
        return overdue.computeIfAbsent(account, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tracker.calls.overdue", value, AtomicLong::get)
                    .tags("account", account)
                    .description("Calls in flight past max-tracking-age + expiry-interval + claim-lease: stuck, not slow")
                    .register(meters);
            return value;
        });
    }
}
