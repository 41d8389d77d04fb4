package io.calltracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Base of @QuarkusTest classes that drive calls through the running tracker: produces to the intake
 * topic and collects the completion and dead-letter topics.
 */
public abstract class PipelineHarness {

    public static final String ACCOUNT = "test-account";
    public static final String CREATED = "exotel.calls.created";
    public static final String COMPLETED = "exotel.calls.completed";
    public static final String DLQ = "exotel.calls.created.dlq";
    public static final Duration WAIT = Duration.ofSeconds(30);

    protected static KafkaCompanion kafka;
    protected static CompletedEvents completed;
    protected static CompletedEvents deadLetters;

    @BeforeAll
    static void connectToKafka() {
        kafka = new KafkaCompanion(LocalKafka.bootstrapServers());
        completed = new CompletedEvents(kafka, COMPLETED);
        deadLetters = new CompletedEvents(kafka, DLQ);
    }

    @AfterAll
    static void disconnectFromKafka() {
        completed.close();
        deadLetters.close();
        kafka.close();
    }

    protected static SimulatedCallSpec quickCall(String sid) {
        return SimulatedCallSpec.forAccount(ACCOUNT).sid(sid)
                .ring(Duration.ofMillis(200)).talk(Duration.ofMillis(400)).postProcessing(Duration.ofMillis(200)).build();
    }

    protected static void send(String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(CREATED, key, value)).awaitCompletion(WAIT);
    }

    protected static JsonNode awaitEvent(String sid) {
        return completed.awaitEvent(sid, WAIT);
    }

    protected static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    protected static String fixture(String name) throws IOException {
        try (InputStream in = PipelineHarness.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
