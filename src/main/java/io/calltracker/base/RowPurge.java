package io.calltracker.base;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Deletes a table's rows past their retention in bounded batches, on its own loop. The owning package
 * gives the batch statement; this class gives every purge the same batching, pausing while the database
 * is away, and counter {@code tracker.retention.purged.rows{table}}.
 *
 * <p>Each batch is one statement in its own transaction: at most {@link #BATCH} rows are locked, for
 * milliseconds. The statement must pick its rows with {@code FOR UPDATE SKIP LOCKED}, so that instances
 * purging at the same time take different rows instead of queueing behind each other.
 */
public final class RowPurge implements AutoCloseable {

    /** Rows per statement: small enough to hold row locks for milliseconds, large enough to drain a backlog. */
    public static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(RowPurge.class);

    private final String table;
    private final String deleteBatch;
    private final DataSource dataSource;
    private final Duration keep;
    private final Counter purged;
    private volatile boolean stopping;
    private FixedDelayLoop loop;

    /**
     * @param deleteBatch a DELETE binding the retention in seconds, then the batch size; it must delete
     *                    only rows older than the retention, at most the batch size of them
     */
    public RowPurge(String table, String deleteBatch, DataSource dataSource, Duration keep, MeterRegistry meters) {
        this.table = table;
        this.deleteBatch = deleteBatch;
        this.dataSource = dataSource;
        this.keep = keep;
        // Registered even when nothing is purged, so that a dashboard sees 0 rather than no series.
        this.purged = Counter.builder("tracker.retention.purged.rows").tag("table", table)
                .description("Rows deleted past their retention").register(meters);
    }

    /** Runs {@link #pass} every {@code interval} until {@link #close}; no loop when rows are kept forever. */
    public void start(Duration interval) {
        if (!RetentionAge.keepsForever(keep)) {
            loop = FixedDelayLoop.start(table + "-purge", interval, this::pass);
        }
    }

    /** One pass of the loop; while the database is away the pass is skipped with a warning, not an error. */
    void pass() {
        try {
            long rows = purgeAll();
            if (rows > 0) {
                LOG.infof("%s: deleted %d rows older than %s", table, rows, keep);
            }
        } catch (RuntimeException e) {
            if (!DatabaseFailures.away(e)) {
                throw e;
            }
            LOG.warnf("%s purge paused, database unavailable: %s", table, DatabaseFailures.describe(e));
        }
    }

    /**
     * Deletes batch after batch while full batches come back, so a backlog (the first pass after an
     * upgrade, a lowered retention) drains in one pass.
     *
     * @return the rows deleted; 0 when rows are kept forever
     * @throws DatabaseAwayException when the database is away (rows deleted so far stay deleted)
     */
    public long purgeAll() {
        if (RetentionAge.keepsForever(keep)) {
            return 0;
        }
        long total = 0;
        int rows;
        do {
            rows = deleteBatch();
            purged.increment(rows);
            total += rows;
        } while (rows == BATCH && !stopping);
        return total;
    }

    private int deleteBatch() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(deleteBatch)) {
            s.setDouble(1, keep.toSeconds());
            s.setInt(2, BATCH);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not purge " + table, e);
        }
    }

    @Override
    public void close() {
        stopping = true;
        if (loop != null) {
            loop.close();
        }
    }
}
