package io.calltracker.guard;

import io.agroal.api.AgroalDataSource;
import io.calltracker.exotel.ExotelConfig;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** No block of an account outlasts exotel.retry-after-cap, whoever wrote it and whatever Exotel asked. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class AccountThrottleTest {

    /** Slack for the clocks of this JVM and PostgreSQL, and the round trips. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    @Inject
    AccountThrottle throttle;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ExotelConfig exotel;

    @Test
    void aHugeRetryAfterBlocksTheAccountForTheCapAtMost() {
        String account = newAccount();

        Duration window = throttle.rateLimited(account, Duration.ofSeconds(Long.MAX_VALUE), 0);

        assertThat(window).isEqualTo(cap());
        assertThat(throttle.read(account).blockedUntil()).isBefore(Instant.now().plus(cap()).plus(SLACK));
    }

    @Test
    void aStoredBlockBeyondTheCapEndsTheCapAfterThe429ThatSetIt() throws SQLException {
        String account = newAccount();
        store(account, "now() + interval '41 days'", "now() - interval '1 hour'", 0);
        assertThat(throttle.read(account).blockedAt(Instant.now())).as("set an hour ago, cap long over").isFalse();

        String recent = newAccount();
        store(recent, "now() + interval '41 days'", "now()", 0);
        assertThat(throttle.read(recent).blockedUntil()).isBefore(Instant.now().plus(cap()).plus(SLACK));
    }

    @Test
    void calmingDownDoesNotReviveAStaleBlock() throws SQLException {
        String account = newAccount();
        store(account, "now() + interval '41 days'", "now() - interval '1 hour'", 2);

        throttle.calmDown(account);

        AccountThrottle.ThrottleState state = throttle.read(account);
        assertThat(state.level()).isEqualTo(1);
        assertThat(state.blockedAt(Instant.now())).isFalse();
    }

    @Test
    void aNew429AfterAStaleBlockGetsItsOwnWindow() throws SQLException {
        String account = newAccount();
        store(account, "now() + interval '41 days'", "now() - interval '1 hour'", 1);

        throttle.rateLimited(account, Duration.ofSeconds(3), 1);

        assertThat(throttle.read(account).blockedUntil()).isBefore(Instant.now().plusSeconds(3).plus(SLACK));
    }

    private Duration cap() {
        return exotel.retryAfterCap();
    }

    /** A row as an older version (without a cap) or a longer cap would have left it. */
    private void store(String account, String blockedUntil, String lastRateLimitedAt, int level) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO account_state (account_sid, blocked_until, throttle_level, last_rate_limited_at) VALUES (?, "
                        + blockedUntil + ", ?, " + lastRateLimitedAt + ")")) {
            s.setString(1, account);
            s.setInt(2, level);
            s.executeUpdate();
        }
    }

    private static String newAccount() {
        return "throttle-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
