package io.calltracker.intake;

import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 9, defect 2, the safety net behind the parser: a row PostgreSQL refuses (here given straight to
 * the store, as if the parser had missed it) is that row's fault. The store hands it back with the
 * database's reason and stores the rest of the batch, instead of retrying the batch forever.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class IntakeStoreRefusalTest {

    @Inject
    IntakeStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rowsTheDatabaseRefusesAreHandedBackAndTheRestIsStored() throws SQLException {
        String first = newCallSid();
        String nul = newCallSid();
        String last = newCallSid();
        String huge = newCallSid();
        List<IntakeRequest> batch = List.of(
                new IntakeRequest(first, "test-account", "{\"n\":1}"),
                new IntakeRequest(nul, "test-account", "{\"note\":\"a\\u0000b\"}"),
                new IntakeRequest(last, "test-account", null),
                new IntakeRequest(huge, "test-account", "{\"n\":1e999999}"));

        List<IntakeStore.Refusal> refused = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> store.trackAll(batch));

        assertThat(refused).extracting(IntakeStore.Refusal::index).containsExactly(1, 3);
        assertThat(refused.get(0).reason()).isEqualTo("the database refused it (SQLSTATE 22P05: unsupported Unicode escape sequence)");
        assertThat(refused.get(1).reason()).isEqualTo("the database refused it (SQLSTATE 22003: value overflows numeric format)");
        assertThat(tracked(first)).isTrue();
        assertThat(tracked(last)).isTrue();
        assertThat(tracked(nul)).isFalse();
        assertThat(tracked(huge)).isFalse();
    }

    private boolean tracked(String callSid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM tracked_call WHERE call_sid = ?")) {
            s.setString(1, callSid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
