package io.calltracker.base;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.Rows;
import io.calltracker.testing.TrackerTestResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The mechanics every retention purge shares, on a scratch table of the real PostgreSQL: a backlog of
 * several batches drains in one pass and only old rows go; purges running at once (several instances)
 * delete each row once and none waits for another; a pass while the database is away is skipped, and
 * the loop purges once it is back; the counter counts the rows.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class RowPurgeTest {

    private static final String DELETE_BATCH = """
            DELETE FROM purge_probe
             WHERE id IN (SELECT id FROM purge_probe WHERE at < now() - make_interval(secs => ?)
                           ORDER BY at LIMIT ? FOR UPDATE SKIP LOCKED)
            """;
    private static final Duration KEEP = Duration.ofDays(7);

    @Inject
    AgroalDataSource dataSource;

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void emptyProbeTable() {
        Rows.execute(dataSource, "CREATE TABLE IF NOT EXISTS purge_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL)");
        Rows.execute(dataSource, "TRUNCATE purge_probe");
    }

    @Test
    void aBacklogOfSeveralBatchesDrainsInOnePassAndOnlyOldRowsGo() {
        int old = 2 * RowPurge.BATCH + 500;
        insert(old, "now() - interval '8 days'");
        insert(30, "now() - interval '6 days 23 hours'");
        insert(20, "now()");

        long deleted = purge(dataSource).purgeAll();

        assertThat(deleted).isEqualTo(old);
        assertThat(rows()).isEqualTo(50);
        assertThat(purged()).isEqualTo(old);
    }

    @Test
    void purgesRunningAtOnceDeleteEachRowOnce() {
        int old = 5 * RowPurge.BATCH + 123;
        insert(old, "now() - interval '30 days'");
        List<RowPurge> instances = List.of(purge(dataSource), purge(dataSource), purge(dataSource));

        List<CompletableFuture<Long>> passes = instances.stream().map(p -> CompletableFuture.supplyAsync(p::purgeAll)).toList();
        long deleted = passes.stream().mapToLong(CompletableFuture::join).sum();

        assertThat(deleted).isEqualTo(old);
        assertThat(rows()).isZero();
        assertThat(purged()).as("one counter, three purges").isEqualTo(old);
    }

    @Test
    void rowsKeptForeverAreNeverDeleted() {
        insert(10, "now() - interval '50 years'");

        RowPurge forever = new RowPurge("purge_probe", DELETE_BATCH, dataSource, RetentionAge.FOREVER, meters);
        forever.start(Duration.ofMillis(10));
        try {
            assertThat(forever.purgeAll()).isZero();
        } finally {
            forever.close();
        }
        assertThat(rows()).isEqualTo(10);
    }

    @Test
    void aPassWhileTheDatabaseIsAwayIsSkippedAndTheLoopPurgesOnceItIsBack() {
        insert(10, "now() - interval '8 days'");
        AtomicBoolean away = new AtomicBoolean(true);
        RowPurge purge = purge(switchable(away));

        assertThatThrownBy(purge::purgeAll).isInstanceOf(DatabaseAwayException.class);
        purge.pass(); // a warning, not an exception
        purge.start(Duration.ofMillis(50));
        try {
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> rows() == 10);
            away.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> rows() == 0);
        } finally {
            purge.close();
        }
        assertThat(purged()).isEqualTo(10);
    }

    private RowPurge purge(DataSource source) {
        return new RowPurge("purge_probe", DELETE_BATCH, source, KEEP, meters);
    }

    private double purged() {
        return meters.get("tracker.retention.purged.rows").tag("table", "purge_probe").counter().count();
    }

    private void insert(int n, String at) {
        Rows.execute(dataSource, "INSERT INTO purge_probe (at) SELECT " + at + " FROM generate_series(1, ?)", n);
    }

    private long rows() {
        return Rows.count(dataSource, "SELECT count(*) FROM purge_probe");
    }

    /** The test database, or, while {@code away}, a port nothing listens on (connection refused, SQLSTATE 08001). */
    private DataSource switchable(AtomicBoolean away) {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {1});
        unreachable.setConnectTimeout(1);
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(away.get() ? unreachable : dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
