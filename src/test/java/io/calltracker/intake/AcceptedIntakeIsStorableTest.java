package io.calltracker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.calltracker.testing.HostileInputs;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.tracking.NewCall;
import io.calltracker.tracking.PollSchedule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.calltracker.testing.HostileInputs.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever intake accepts, PostgreSQL stores, and stores as given: hostile generated values go through
 * the application's parser, and each accepted one through the real {@link PollSchedule#enqueueAll} into
 * the real database; the metadata read back equals what was accepted (numbers compared by value, as jsonb
 * normalises their notation). A refusal here would be a record that blocks or loses intake.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class AcceptedIntakeIsStorableTest {

    private static final int TRIES = 2_000;
    /** Numbers equal by value; anything else by equals. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @Inject
    IntakeParser parser;

    @Inject
    PollSchedule schedule;

    @Inject
    AgroalDataSource dataSource;

    private final ObjectMapper mapper = new ObjectMapper();
    private final IntakeJson json = new IntakeJson(mapper);
    private final List<String> stored = new ArrayList<>();

    @Test
    void everyAcceptedValueIsStoredUnchanged() {
        HostileInputs.forAll(TRIES, g -> {
            String value = switch (g.random().nextInt(4)) {
                case 0 -> g.intakeValue();
                case 1 -> "{\"call_sid\":" + quote(g.callSid()) + ",\"metadata\":{\"n\":" + g.number() + "}}";
                default -> "{\"call_sid\":" + quote(g.callSid()) + ",\"account_sid\":\"second-account\",\"metadata\":"
                        + g.jsonObject(1 + g.random().nextInt(3)) + "}";
            };
            IntakeRequest request;
            try {
                request = parser.parse(value);
            } catch (RejectedIntakeException rejected) {
                return;
            }
            // Far in the future: these calls are never polled while the tests run.
            schedule.enqueueAll(List.of(new NewCall(request.callSid(), request.accountSid(), request.metadataJson())),
                    Duration.ofHours(1));
            stored.add(request.callSid());
            assertStoredAsGiven(request);
        });
        assertThat(stored).as("accepted values, each stored").hasSizeGreaterThan(200);
    }

    private void assertStoredAsGiven(IntakeRequest request) {
        String metadata = storedMetadata(request.callSid());
        if (request.metadataJson() == null) {
            assertThat(metadata).isNull();
            return;
        }
        JsonNode given = json.read(request.metadataJson());
        JsonNode back = json.read(metadata);
        assertThat(given.equals(SAME_VALUE, back)).as("stored %s, accepted %s", metadata, request.metadataJson()).isTrue();
    }

    private String storedMetadata(String callSid) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT metadata::text FROM tracked_call WHERE call_sid = ?")) {
            s.setString(1, callSid);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("stored").isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The calls are in flight until their first poll an hour away; other tests list in-flight calls. */
    @AfterEach
    void removeTheCalls() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM tracked_call WHERE call_sid = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", stored.toArray()));
            s.executeUpdate();
        }
    }
}
