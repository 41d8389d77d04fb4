package io.calltracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Everything published on a topic since the test class started, readable by key. */
public final class CompletedEvents implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ConsumerTask<String, String> task;

    public CompletedEvents(KafkaCompanion companion, String topic) {
        this.task = companion.consumeStrings().fromTopics(topic);
    }

    public List<ConsumerRecord<String, String>> recordsFor(String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    public List<JsonNode> eventsFor(String callSid) {
        return recordsFor(callSid).stream().map(r -> json(r.value())).toList();
    }

    /** Waits for the first event of the call and returns it. */
    public JsonNode awaitEvent(String callSid, Duration atMost) {
        await().atMost(atMost).until(() -> !recordsFor(callSid).isEmpty());
        return eventsFor(callSid).get(0);
    }

    public static JsonNode json(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        task.stop();
    }
}
