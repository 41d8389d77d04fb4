package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay reads for the CloudEvents headers, on the real outbox table: rows written before V24
 * get their account and time from their payload, and rows of a type this version cannot describe are
 * left to the instances that can.
 */
class OutboxRowsTest {

    private AgroalDataSource dataSource;

    @BeforeEach
    void database() throws SQLException {
        String url = LocalPostgres.freshDatabase(System.getProperty("test.database", "exotel_tracker_test") + "_outbox_rows");
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(2)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal(LocalPostgres.USER)))));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void eventsWaitingAtTheUpgradeGetTheirAccountAndTimeFromTheirPayload() throws SQLException {
        Migrations.applyUpTo(dataSource, 23);
        execute("""
                INSERT INTO outbox_event (event_id, event_type, call_sid, payload, created_at) VALUES
                  (gen_random_uuid(), 'call.completed', 'cabfb1dfa8c5e1c7f2c458423b7716b3',
                   '{"event_id":"x","account_sid":"acme","tracking":{"finalised_at":"2026-12-01T10:00:00.123456Z"}}',
                   '2026-12-01T10:00:01Z')
                """);

        Migrations.apply(dataSource, 24);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account_sid, occurred_at FROM outbox_event")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("acme");
            assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).hasToString("2026-12-01T10:00:00.123456Z");
        }
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowIsNotLeased() throws SQLException {
        Migrations.applyAll(dataSource);
        execute("""
                INSERT INTO outbox_event (event_id, event_type, call_sid, account_sid, occurred_at, payload) VALUES
                  (gen_random_uuid(), 'call.from_a_newer_version', 'cabfb1dfa8c5e1c7f2c458423b7716b3', 'acme', now(), '{}'),
                  (gen_random_uuid(), 'call.completed', 'cabfb1dfa8c5e1c7f2c458423b7716b4', 'acme', now(), '{}')
                """);

        assertThat(new OutboxStore(dataSource).claimUnsent(10, Duration.ofMinutes(1)))
                .extracting(PendingEvent::callSid).containsExactly("cabfb1dfa8c5e1c7f2c458423b7716b4");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT claimed_until, attempts FROM outbox_event WHERE event_type = 'call.from_a_newer_version'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).as("not leased").isNull();
            assertThat(rs.getInt(2)).isZero();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
