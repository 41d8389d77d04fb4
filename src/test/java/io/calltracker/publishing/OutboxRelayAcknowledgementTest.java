package io.calltracker.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.calltracker.testing.LocalPostgres;
import io.calltracker.testing.Migrations;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay against the real outbox table and a Kafka emitter that acknowledges some sends at once,
 * refuses some and answers others late: what was acknowledged is marked sent (late or not), a refused
 * send is sent again, a send still pending in the producer is not.
 */
class OutboxRelayAcknowledgementTest {

    private static final CloudEventAttributes ATTRIBUTES =
            new CloudEventAttributes(new EventSchemas(() -> URI.create("http://tracker.test/"), new ObjectMapper()));
    private static AgroalDataSource dataSource;

    @BeforeAll
    static void database() throws SQLException {
        String url = LocalPostgres.freshDatabase(System.getProperty("test.database", "exotel_tracker_test") + "_relay");
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(2)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal(LocalPostgres.USER)))));
        Migrations.applyAll(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM outbox_event");
        }
    }

    @Test
    void aSlowOrFailedSendCostsOnlyItsOwnEventAResend() throws SQLException {
        insertOutboxRows(List.of("{\"n\":1}", "{\"n\":2,\"slow\":true}", "{\"n\":3}", "{\"n\":4,\"fails\":true}", "{\"n\":5}"));
        OutboxStore store = new OutboxStore(dataSource);
        Broker broker = new Broker();
        OutboxRelay relay = new OutboxRelay(store, ATTRIBUTES, broker.emitter(), sendTimeout(Duration.ofMillis(500)));

        relay.publish(store.claimUnsent(10, Duration.ofMinutes(1)));

        assertThat(sentByPayload()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "{\"n\":1}", true, "{\"n\":2,\"slow\":true}", false, "{\"n\":3}", true,
                "{\"n\":4,\"fails\":true}", false, "{\"n\":5}", true));
    }

    /** A broker away for minutes: the event is handed to the producer once, however often its lease lapses, and marked when Kafka finally answers. */
    @Test
    void anEventStillPendingInTheProducerIsNotSentAgainAndIsMarkedWhenKafkaAnswers() throws SQLException {
        insertOutboxRows(List.of("{\"n\":1,\"slow\":true}"));
        OutboxStore store = new OutboxStore(dataSource);
        Broker broker = new Broker();
        OutboxRelay relay = new OutboxRelay(store, ATTRIBUTES, broker.emitter(), sendTimeout(Duration.ofMillis(100)));

        for (int lease = 0; lease < 3; lease++) {
            relay.publish(store.claimUnsent(10, Duration.ZERO));
        }
        assertThat(broker.sends).containsExactly("{\"n\":1,\"slow\":true}");
        assertThat(sentByPayload()).containsEntry("{\"n\":1,\"slow\":true}", false);

        broker.answerSlowSends();
        relay.publish(store.claimUnsent(10, Duration.ZERO));

        assertThat(sentByPayload()).containsEntry("{\"n\":1,\"slow\":true}", true);
        assertThat(broker.sends).hasSize(1);
    }

    /** The producer refused the send: the event is sent again at its next lease, not left behind as "pending". */
    @Test
    void aRefusedSendIsSentAgainAtTheNextLease() throws SQLException {
        insertOutboxRows(List.of("{\"n\":1,\"fails\":true}"));
        OutboxStore store = new OutboxStore(dataSource);
        Broker broker = new Broker();
        OutboxRelay relay = new OutboxRelay(store, ATTRIBUTES, broker.emitter(), sendTimeout(Duration.ofMillis(100)));

        relay.publish(store.claimUnsent(10, Duration.ZERO));
        relay.publish(store.claimUnsent(10, Duration.ZERO));

        assertThat(broker.sends).hasSize(2);
    }

    /** A send whose answer never comes (a lost callback) does not hold its event back forever. */
    @Test
    void aSendUnansweredBeyondTheProducersDeliveryTimeoutIsSentAgain() throws SQLException {
        insertOutboxRows(List.of("{\"n\":1,\"slow\":true}"));
        OutboxStore store = new OutboxStore(dataSource);
        Broker broker = new Broker();
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { throw new UnsupportedOperationException(); }
            @Override public Instant instant() { return now[0]; }
        };
        OutboxRelay relay = new OutboxRelay(store, ATTRIBUTES, broker.emitter(), sendTimeout(Duration.ofMillis(100)), clock);

        relay.publish(store.claimUnsent(10, Duration.ZERO));
        now[0] = start.plus(OutboxRelay.IN_FLIGHT_LIMIT);
        relay.publish(store.claimUnsent(10, Duration.ZERO));
        assertThat(broker.sends).hasSize(1);

        now[0] = start.plus(OutboxRelay.IN_FLIGHT_LIMIT).plusSeconds(1);
        relay.publish(store.claimUnsent(10, Duration.ZERO));
        assertThat(broker.sends).hasSize(2);
    }

    /**
     * A Kafka emitter that acknowledges every send at once, except that {@code slow} payloads hear
     * back only when the test says so and {@code fails} ones are refused. It records what it was handed.
     */
    private static final class Broker {
        final List<String> sends = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> slowAnswer = new CompletableFuture<>();

        void answerSlowSends() {
            slowAnswer.complete(null);
        }

        @SuppressWarnings("unchecked")
        MutinyEmitter<String> emitter() {
            return (MutinyEmitter<String>) Proxy.newProxyInstance(OutboxRelayAcknowledgementTest.class.getClassLoader(),
                    new Class<?>[]{MutinyEmitter.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("sendMessage")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        String payload = ((Message<String>) args[0]).getPayload();
                        sends.add(payload);
                        if (payload.contains("slow")) {
                            return Uni.createFrom().completionStage(slowAnswer);
                        }
                        return payload.contains("fails")
                                ? Uni.createFrom().failure(new IllegalStateException("broker refused"))
                                : Uni.createFrom().voidItem();
                    });
        }
    }

    private static OutboxConfig sendTimeout(Duration timeout) {
        return (OutboxConfig) Proxy.newProxyInstance(OutboxRelayAcknowledgementTest.class.getClassLoader(),
                new Class<?>[]{OutboxConfig.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendTimeout")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return timeout;
                });
    }

    private static void insertOutboxRows(List<String> payloads) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String payload : payloads) {
                s.executeUpdate("INSERT INTO outbox_event (event_id, event_type, call_sid, account_sid, occurred_at, payload) "
                        + "VALUES (gen_random_uuid(), 'call.completed', 'call" + Math.abs(payload.hashCode()) + "', 'acme', now(), '"
                        + payload + "')");
            }
        }
    }

    private static Map<String, Boolean> sentByPayload() throws SQLException {
        Map<String, Boolean> sent = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload, sent_at IS NOT NULL FROM outbox_event")) {
            while (rs.next()) {
                sent.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return sent;
    }
}
