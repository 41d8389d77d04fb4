package io.calltracker.intake;

import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, defects 1 and 2: poison (JSON beyond Jackson's limits, NUL that PostgreSQL refuses, numbers
 * beyond its numeric range) in one batch with good calls. The poison goes to the dead-letter topic with
 * its reason, every good call is tracked to its end, and the consumer keeps consuming.
 */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class IntakePoisonPillTest extends PipelineHarness {

    @Inject
    CallSimulator simulator;

    @Test
    void poisonInABatchIsDeadLetteredAndEveryGoodCallBesideItIsTracked() {
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put("nul-value-" + newCallSid(), withMetadata("{\"note\":\"a\\u0000b\"}"));
        poison.put("nul-key-" + newCallSid(), withMetadata("{\"a\\u0000\":1}"));
        poison.put("deep-" + newCallSid(), withMetadata("{\"d\":" + "[".repeat(1001) + "]".repeat(1001) + "}"));
        poison.put("long-number-" + newCallSid(), withMetadata("{\"n\":" + "9".repeat(1001) + "}"));
        poison.put("huge-number-" + newCallSid(), withMetadata("{\"n\":1e999999}"));
        List<String> good = List.of(newCallSid(), newCallSid(), newCallSid(), newCallSid());
        good.forEach(sid -> simulator.register(quickCall(sid)));

        // One partition and one send: good and bad records reach the consumer in the same poll.
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(record(good.get(0), "{\"call_sid\":\"" + good.get(0) + "\",\"metadata\":{\"ok\":\"\\u0001\"}}"));
        int next = 1;
        for (Map.Entry<String, String> bad : poison.entrySet()) {
            records.add(record(bad.getKey(), bad.getValue()));
            String sid = good.get(next++ % good.size());
            records.add(record(sid, sid));
        }
        kafka.produceStrings().withProp("max.request.size", "4194304").fromRecords(records).awaitCompletion(WAIT);

        for (String sid : good) {
            assertThat(awaitEvent(sid).path("outcome").asText()).as(sid).isEqualTo("terminal");
        }
        poison.forEach((key, value) -> {
            await(key).atMost(WAIT).until(() -> !deadLetters.recordsFor(key).isEmpty());
            assertThat(deadLetters.recordsFor(key).get(0).value()).isEqualTo(value);
            assertThat(header(deadLetters.recordsFor(key).get(0), "dead-letter-reason")).as(key).isNotBlank();
        });
        assertThat(ManagementInterface.given().get("/q/health/live").statusCode()).isEqualTo(200);

        // Still consuming: a call sent after the poison is tracked too.
        String later = newCallSid();
        simulator.register(quickCall(later));
        send(later, later);
        assertThat(awaitEvent(later).path("outcome").asText()).isEqualTo("terminal");
    }

    private static String withMetadata(String metadata) {
        return "{\"call_sid\":\"" + newCallSid() + "\",\"metadata\":" + metadata + "}";
    }

    private static ProducerRecord<String, String> record(String key, String value) {
        return new ProducerRecord<>(CREATED, 0, key, value);
    }
}
