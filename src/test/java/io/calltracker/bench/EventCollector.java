package io.calltracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Consumes a completion topic on its own thread, stamping each event with the moment it was consumed. */
final class EventCollector implements AutoCloseable {

    /** @param consumedAtMs wall clock when this JVM received it; detectedAt is the tracker's tracking.terminal_detected_at */
    record Event(String callSid, String eventId, String outcome, int pollCount, long consumedAtMs, Instant detectedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, List<Event>> bySid = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    EventCollector(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        accept(record.key(), record.value(), System.currentTimeMillis());
                    }
                }
            }
        }, "events-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void accept(String key, String value, long now) {
        try {
            JsonNode e = JSON.readTree(value);
            String detected = e.path("tracking").path("terminal_detected_at").asText(null);
            bySid.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Event(key,
                    e.path("event_id").asText(), e.path("outcome").asText(), e.path("tracking").path("poll_count").asInt(),
                    now, detected == null ? null : OffsetDateTime.parse(detected).toInstant()));
        } catch (IOException | RuntimeException e) {
            bySid.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                    .add(new Event(key, null, "unreadable", 0, now, null));
        }
    }

    Map<String, List<Event>> bySid() {
        return bySid;
    }

    /** Waits until each of these calls has its event; {@code what} names them in the failure. */
    void awaitAll(Collection<String> sids, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!sids.stream().allMatch(bySid::containsKey)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not all published within " + within.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    int calls() {
        return bySid.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
