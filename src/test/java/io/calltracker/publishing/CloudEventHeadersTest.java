package io.calltracker.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.records.CallRecord;
import io.calltracker.testing.CompletedEvents;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.calltracker.testing.TestSids.newCallSid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The completion event as a consumer reads it with a plain Kafka consumer: a CloudEvent in binary mode,
 * its attributes in ce_* headers, and after a replay the very same headers again (same ce_id, the
 * stored ce_time, not the replay's).
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class CloudEventHeadersTest extends PipelineHarness {

    @Inject
    CallSimulator simulator;
    @Inject
    Outbox outbox;
    @Inject
    EventsConfig events;

    @Test
    void theEventCarriesItsCloudEventAttributesAsHeadersAndAReplayRepeatsThem() {
        String sid = newCallSid();
        simulator.register(quickCall(sid));
        send(sid, sid);

        JsonNode event = awaitEvent(sid);
        ConsumerRecord<String, String> first = completed.recordsFor(sid).get(0);
        Map<String, List<String>> headers = headers(first);
        CallRecord record = QuarkusTransaction.requiringNew().call(() -> CallRecord.<CallRecord>findById(sid));
        String schemaId = events.schemaBaseUrl().resolve("schema/call-completed-event.v1.json").toString();

        assertThat(headers).containsAllEntriesOf(Map.of(
                "ce_specversion", List.of("1.0"),
                "ce_id", List.of(event.path("event_id").asText()),
                "ce_source", List.of("/exotel/accounts/" + ACCOUNT),
                "ce_type", List.of("io.calltracker.call.completed.v1"),
                "ce_subject", List.of(sid),
                "ce_dataschema", List.of(schemaId),
                "content-type", List.of("application/json")));
        assertThat(headers).as("each once; SmallRye also writes ce_datacontenttype beside content-type")
                .allSatisfy((name, values) -> assertThat(values).as(name).hasSize(1))
                .containsOnlyKeys("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "ce_dataschema",
                        "ce_datacontenttype", "content-type");
        assertThat(OffsetDateTime.parse(headers.get("ce_time").get(0)).toInstant())
                .as("ce_time is when the call was finalised")
                .isEqualTo(record.finalisedAt.toInstant())
                // PostgreSQL keeps microseconds, the payload was written from Java's clock
                .isCloseTo(OffsetDateTime.parse(event.path("tracking").path("finalised_at").asText()).toInstant(),
                        within(1, ChronoUnit.MICROS));
        assertThat(first.value()).as("binary mode: the value is the event itself").startsWith("{\"event_id\":");

        String served = given().when().get("/schema/call-completed-event.v1.json").then()
                .statusCode(200).contentType("application/schema+json").extract().asString();
        assertThat(CompletedEvents.json(served).path("$id").asText()).as("the served schema's $id is ce_dataschema")
                .isEqualTo(schemaId);

        await().atMost(WAIT).until(() -> sent(sid));
        assertThat(outbox.replay(sid, EventType.CALL_COMPLETED)).contains(UUID.fromString(event.path("event_id").asText()));
        await().atMost(WAIT).until(() -> completed.recordsFor(sid).size() == 2);

        ConsumerRecord<String, String> replayed = completed.recordsFor(sid).get(1);
        assertThat(headers(replayed)).as("a replay sends the same headers").isEqualTo(headers);
        assertThat(replayed.value()).isEqualTo(first.value());
    }

    @Test
    void anUnknownSchemaIsNotServed() {
        given().when().get("/schema/call-completed-event.v9.json").then().statusCode(404);
        given().when().get("/schema/..%2Fapplication.properties").then().statusCode(404);
    }

    private static boolean sent(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("callSid = ?1 and sentAt is not null", sid)) == 1;
    }

    /** Every header by name, in order, so that a duplicate shows. */
    private static Map<String, List<String>> headers(ConsumerRecord<String, String> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).collect(Collectors.groupingBy(Header::key,
                Collectors.mapping(h -> new String(h.value(), StandardCharsets.UTF_8), Collectors.toList())));
    }
}
