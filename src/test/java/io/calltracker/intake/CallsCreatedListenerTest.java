package io.calltracker.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The order that keeps intake lossless: store the calls, dead-letter the rejects, and only then acknowledge. */
class CallsCreatedListenerTest {

    private static final String TOPIC = "exotel.calls.created";
    private static final String SID = "cabfb1dfa8c5e1c7f2c458423b7716b3";
    private static final String OTHER_SID = "dbfb1dfa8c5e1c7f2c458423b7716b34";

    /** What the fake database refuses: requests with this metadata. */
    private static final String REFUSED_METADATA = "{\"refused\":true}";

    private final List<List<IntakeRequest>> stored = new ArrayList<>();
    private final List<String> deadLetterReasons = new ArrayList<>();
    private final CompletableFuture<Void> deadLettersSent = new CompletableFuture<>();
    private final List<Long> committedOffsets = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final CallsCreatedListener listener = new CallsCreatedListener(
            new IntakeParser(new ObjectMapper(), "acme", Set.of("acme"), Set.of(), 1024),
            new IntakeStore(null, null) {
                @Override
                public List<Refusal> trackAll(List<IntakeRequest> requests) {
                    assertThat(committedOffsets).as("committed before the calls were stored").isEmpty();
                    stored.add(requests);
                    return IntStream.range(0, requests.size())
                            .filter(i -> REFUSED_METADATA.equals(requests.get(i).metadataJson()))
                            .mapToObj(i -> new Refusal(i, "the database refused it (SQLSTATE 22P05)")).toList();
                }
            },
            new DeadLetters(null) {
                @Override
                public CompletableFuture<Void> send(KafkaRecord<String, String> record, RejectionKind kind, String reason) {
                    deadLetterReasons.add(record.getKey() + ": " + kind.label() + ": " + reason);
                    return deadLettersSent;
                }
            },
            meters);

    @Test
    void aBatchIsAcknowledgedOnlyAfterItsCallsAreStoredAndItsRejectsAreOnTheDeadLetterTopic() {
        CompletionStage<Void> done = listener.onCallsCreated(batch(SID, "not a sid", SID, OTHER_SID));

        assertThat(stored).containsExactly(List.of(new IntakeRequest(SID, "acme", null), new IntakeRequest(SID, "acme", null),
                new IntakeRequest(OTHER_SID, "acme", null)));
        assertThat(deadLetterReasons).containsExactly("key-1: malformed: neither a JSON object nor a call SID (expected ^[A-Za-z0-9]{16,64}$)");
        assertThat(done.toCompletableFuture()).isNotDone();
        assertThat(committedOffsets).isEmpty();

        deadLettersSent.complete(null);

        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(committedOffsets).as("the batch's last offset").containsExactly(3L);
        assertThat(meters.counter("tracker.intake.accepted", "account", "acme").count()).isEqualTo(3);
        assertThat(meters.counter("tracker.intake.rejected", "reason", "malformed").count()).isEqualTo(1);
        assertThat(meters.find("tracker.intake.rejected").counters()).as("every kind, from the start")
                .hasSize(RejectionKind.values().length);
    }

    @Test
    void aBatchWithoutRejectsIsAcknowledgedOnceStored() {
        CompletionStage<Void> done = listener.onCallsCreated(batch(SID, OTHER_SID));

        assertThat(stored).hasSize(1);
        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(committedOffsets).containsExactly(1L);
    }

    /** Issue 9, defect 2: a record the database refuses is dead-lettered with the database's reason, the others are stored. */
    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredWithItsReasonAndTheBatchAcknowledged() {
        CompletionStage<Void> done = listener.onCallsCreated(batch(SID,
                "{\"call_sid\":\"" + OTHER_SID + "\",\"metadata\":" + REFUSED_METADATA + "}", "not a sid", OTHER_SID));

        assertThat(deadLetterReasons).containsExactly(
                "key-2: malformed: neither a JSON object nor a call SID (expected ^[A-Za-z0-9]{16,64}$)",
                "key-1: refused_by_database: the database refused it (SQLSTATE 22P05)");
        deadLettersSent.complete(null);
        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(committedOffsets).containsExactly(3L);
        assertThat(meters.counter("tracker.intake.accepted", "account", "acme").count()).isEqualTo(2);
        assertThat(meters.counter("tracker.intake.rejected", "reason", "malformed").count()).isEqualTo(1);
        assertThat(meters.counter("tracker.intake.rejected", "reason", "refused_by_database").count()).isEqualTo(1);
    }

    /** A real SmallRye batch of one partition, offsets 0…n-1, keys key-0…, whose acknowledgements are recorded. */
    private IncomingKafkaRecordBatch<String, String> batch(String... values) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(TOPIC, 0, i, "key-" + i, values[i]));
        }
        KafkaCommitHandler commits = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                committedOffsets.add(record.getOffset());
                return Uni.createFrom().voidItem();
            }
        };
        return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(Map.of(partition, records)), CallsCreatedListener.CHANNEL, -1,
                commits, null, false, false);
    }
}
