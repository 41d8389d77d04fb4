package io.calltracker.api;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.DatabaseAwayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Queues a call's completion event again: the row becomes unsent and unleased, so OutboxRelay sends
 * the stored payload once more, with the same event_id and bytes.
 */
@ApplicationScoped
class OutboxReplays {

    // A call has at most one event: it is written in the transaction that finishes the call.
    private static final String REPLAY = """
            UPDATE outbox_event SET sent_at = NULL, claimed_until = NULL
             WHERE call_sid = ?
            RETURNING event_id
            """;

    private final AgroalDataSource dataSource;

    OutboxReplays(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the replayed event's id, empty when the call has no event. */
    Optional<UUID> replay(String callSid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(REPLAY)) {
            s.setString(1, callSid);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseAwayException("could not replay an outbox event", e);
        }
    }
}
