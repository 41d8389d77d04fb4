package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.SkipUntilTracking;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/** Outbox backlog and the age of its oldest unsent event, refreshed every 15 s: Kafka trouble shows here first. */
// At start-up, not on first use: its series are on /q/metrics from the first scrape, not after some call or timer.
@Startup
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    private static final String BACKLOG = """
            SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox_event WHERE sent_at IS NULL
            """;

    private final AgroalDataSource dataSource;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public OutboxMetrics(AgroalDataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("tracker.outbox.backlog", backlog, AtomicLong::get).description("Completion events not yet acknowledged by Kafka").register(meters);
        Gauge.builder("tracker.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get).register(meters);
    }

    @Scheduled(every = "15s", skipExecutionIf = SkipUntilTracking.class)
    void refresh() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BACKLOG)) {
            rs.next();
            backlog.set(rs.getLong(1));
            oldestAgeSeconds.set((long) rs.getDouble(2));
        } catch (SQLException e) {
            LOG.debugf("outbox gauges not refreshed: %s", e.getMessage());
        }
    }
}
