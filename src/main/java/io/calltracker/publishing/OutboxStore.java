package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseFailures;
import io.calltracker.base.DatabaseAwayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Table outbox_event's statements: lease unsent rows, mark them sent, queue one again. One statement each. */
@ApplicationScoped
class OutboxStore {

    // Only the types this version knows: during a rolling update an older instance leaves a newer
    // type's events to the instances that can publish them.
    private static final String CLAIM_UNSENT = """
            UPDATE outbox_event o
               SET claimed_until = now() + make_interval(secs => ?), attempts = attempts + 1
             WHERE o.id IN (SELECT id FROM outbox_event
                             WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                               AND event_type = ANY (?)
                             ORDER BY id
                             LIMIT ?
                             FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.event_id, o.event_type, o.call_sid, o.account_sid, o.occurred_at, o.payload
            """;

    private static final String MARK_SENT = "UPDATE outbox_event SET sent_at = now() WHERE id = ANY (?)";

    // Of one type: a call has one completion event (written in the transaction that finishes the call), and
    // may have others, which are not replayed with it.
    private static final String REPLAY = """
            UPDATE outbox_event SET sent_at = NULL, claimed_until = NULL
             WHERE call_sid = ? AND event_type = ?
            RETURNING event_id
            """;

    private final AgroalDataSource dataSource;

    OutboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<PendingEvent> claimUnsent(int limit, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_UNSENT)) {
            s.setDouble(1, lease.toMillis() / 1000.0);
            s.setArray(2, c.createArrayOf("text", EventType.wireNames().toArray()));
            s.setInt(3, limit);
            List<PendingEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new PendingEvent(rs.getLong(1), rs.getObject(2, UUID.class),
                            EventType.ofWireName(rs.getString(3)).orElseThrow(), rs.getString(4), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class), rs.getString(7)));
                }
            }
            events.sort((a, b) -> Long.compare(a.id(), b.id()));
            return events;
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not lease outbox events", e);
        }
    }

    void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MARK_SENT)) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.classify("could not mark outbox events sent", e);
        }
    }

    /** @return the replayed event's id, empty when the call has no event. */
    Optional<UUID> replay(String callSid, String eventType) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(REPLAY)) {
            s.setString(1, callSid);
            s.setString(2, eventType);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not replay an outbox event", e);
        }
    }
}
