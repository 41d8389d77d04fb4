package io.calltracker.records;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.SkipUntilTracking;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps call_record's monthly partitions: makes the coming months' ahead of time and drops those past
 * the retention, through the SQL functions of migration V20. A run that fails loses nothing, since
 * records without a partition land in the default one and the next run moves them.
 */
@ApplicationScoped
public class RecordPartitions {

    private static final Logger LOG = Logger.getLogger(RecordPartitions.class);

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;

    public RecordPartitions(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * At start-up, before the poll loop starts (it observes start-up later): a partition created while
     * records are being written can make an insert routed to the default partition fail, so the
     * current month's partition must exist before the first record.
     */
    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    /**
     * Hourly. Both steps are idempotent and cost a few catalog lookups when there is nothing to do, so
     * a run that failed is simply redone within the hour.
     */
    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SkipUntilTracking.class)
    void maintain() {
        try {
            List<String> created = createAhead(config.monthsAhead());
            List<String> dropped = config.keepMonths() > 0 ? dropOlderThan(config.keepMonths()) : List.of();
            if (!created.isEmpty() || !dropped.isEmpty()) {
                LOG.infof("call_record partitions: created %s, dropped %s", created, dropped);
            }
        } catch (SQLException e) {
            LOG.warnf("call_record partition maintenance failed, retried within the hour: %s", e.getMessage());
        }
    }

    /** Makes the partitions of the current month and the next {@code monthsAhead}; returns the new ones. */
    public List<String> createAhead(int monthsAhead) throws SQLException {
        return names("SELECT call_record_create_partitions(?)", monthsAhead);
    }

    /** Drops the partitions older than {@code keepMonths} whole months before the current one. */
    public List<String> dropOlderThan(int keepMonths) throws SQLException {
        return names("SELECT call_record_drop_partitions(?)", keepMonths);
    }

    private List<String> names(String call, int months) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(call)) {
            s.setInt(1, months);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }
}
