package io.calltracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Demo traffic for {@code make run}: random calls registered on the simulator, their SIDs sent to the intake topic. */
final class DemoTraffic {

    static final String ACCOUNT = "demo";
    // About 24 calls a minute: with legs that keeps inside the default 150 requests/minute share.
    private static final int CALLS_PER_TICK = 2;
    private static final String TOPIC = "exotel.calls.created";

    private final KafkaProducer<String, String> producer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String simulatorUrl;

    DemoTraffic(String bootstrapServers, String simulatorUrl) {
        this.simulatorUrl = simulatorUrl;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    void tick() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(simulatorUrl + "/simulator/calls/random?account_sid=" + ACCOUNT + "&count=" + CALLS_PER_TICK))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return;
            }
            for (JsonNode sid : mapper.readTree(response.body())) {
                String value = mapper.writeValueAsString(Map.of("call_sid", sid.asText(), "metadata", Map.of("source", "make run")));
                producer.send(new ProducerRecord<>(TOPIC, sid.asText(), value));
            }
            producer.flush();
        } catch (IOException e) {
            // The tracker is still starting: the next tick tries again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
