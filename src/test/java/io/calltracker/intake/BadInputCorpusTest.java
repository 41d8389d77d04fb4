package io.calltracker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every message of the bad-input corpus (src/test/resources/bad-intake/corpus.json) lands on the
 * dead-letter topic with its reason and its original key and value, and a good call sent after all
 * of them is still tracked: nothing blocks the partition, nothing crashes the consumer.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class BadInputCorpusTest extends PipelineHarness {

    @Inject
    CallSimulator simulator;

    record BadInput(String name, String key, String value, String reason, String code) {
    }

    @Test
    void everyBadInputIsDeadLetteredWithItsReasonAndTheConsumerKeepsGoing() throws IOException {
        List<BadInput> corpus = corpus();
        for (BadInput input : corpus) {
            kafka.produceStrings().withProp("max.request.size", "4194304")
                    .fromRecords(new ProducerRecord<>(CREATED, input.key(), input.value())).awaitCompletion(WAIT);
        }
        String goodSid = newCallSid();
        simulator.register(quickCall(goodSid));
        send(goodSid, goodSid);

        assertThat(awaitEvent(goodSid).path("outcome").asText()).isEqualTo("terminal");
        for (BadInput input : corpus) {
            await(input.name()).atMost(WAIT).until(() -> !deadLetters.recordsFor(input.key()).isEmpty());
            ConsumerRecord<String, String> dead = deadLetters.recordsFor(input.key()).get(0);
            assertThat(header(dead, "dead-letter-reason")).as(input.name()).contains(input.reason());
            assertThat(header(dead, "dead-letter-reason-code")).as(input.name()).isEqualTo(input.code());
            assertThat(dead.value()).as(input.name()).isEqualTo(input.value());
        }
        assertThat(ManagementInterface.given().get("/q/health/live").statusCode()).isEqualTo(200);
    }

    private static List<BadInput> corpus() throws IOException {
        JsonNode entries;
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-intake/corpus.json")) {
            entries = new ObjectMapper().readTree(in);
        }
        List<BadInput> corpus = new ArrayList<>();
        for (JsonNode entry : entries) {
            String value = entry.has("repeat")
                    ? entry.path("repeat").path("text").asText().repeat(entry.path("repeat").path("times").asInt())
                    : entry.path("value").isNull() ? null : entry.path("value").asText();
            corpus.add(new BadInput(entry.path("name").asText(), "bad-" + newCallSid(), value, entry.path("reason").asText(),
                    entry.path("code").asText()));
        }
        return corpus;
    }
}
