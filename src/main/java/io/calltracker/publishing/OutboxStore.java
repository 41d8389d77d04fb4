package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The relay's side of table outbox_event: lease unsent rows, mark them sent. One statement each. */
@ApplicationScoped
class OutboxStore {

    private static final String CLAIM_UNSENT = """
            UPDATE outbox_event o
               SET claimed_until = now() + make_interval(secs => ?), attempts = attempts + 1
             WHERE o.id IN (SELECT id FROM outbox_event
                             WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                             ORDER BY id
                             LIMIT ?
                             FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.event_id, o.call_sid, o.payload
            """;

    private static final String MARK_SENT = "UPDATE outbox_event SET sent_at = now() WHERE id = ANY (?)";

    private final AgroalDataSource dataSource;

    OutboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<PendingEvent> claimUnsent(int limit, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_UNSENT)) {
            s.setDouble(1, lease.toMillis() / 1000.0);
            s.setInt(2, limit);
            List<PendingEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new PendingEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
                }
            }
            events.sort((a, b) -> Long.compare(a.id(), b.id()));
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("could not lease outbox events: " + e.getMessage(), e);
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
            throw new IllegalStateException("could not mark outbox events sent: " + e.getMessage(), e);
        }
    }
}
