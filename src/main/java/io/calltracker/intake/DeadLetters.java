package io.calltracker.intake;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;

/**
 * Copies a rejected intake record to the dead-letter topic as SmallRye's dead-letter-queue failure
 * strategy would (original key, value and headers, plus the reason and where the record came from).
 * That strategy cannot be used with batch consumption: it nacks, and so dead-letters, a whole batch.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "calls-created-dead-letters";
    /** The rejection's kind ({@link RejectionKind#label()}), for consumers that route dead letters by cause. */
    public static final String DEAD_LETTER_REASON_CODE = "dead-letter-reason-code";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;

    // Unbounded: a batch waits for its own copies, so at most one poll's worth of records is ever queued.
    public DeadLetters(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * @return completes once the broker has the copy. A failed send is retried until it succeeds, like
     * an insert while PostgreSQL is away: the batch must not be acknowledged without its dead letters.
     */
    public CompletableFuture<Void> send(KafkaRecord<String, String> record, RejectionKind kind, String reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
        Headers headers = new RecordHeaders(record.getHeaders().toArray())
                .add(DEAD_LETTER_REASON, utf8(reason))
                .add(DEAD_LETTER_REASON_CODE, utf8(kind.label()))
                .add(DEAD_LETTER_TOPIC, utf8(record.getTopic()))
                .add(DEAD_LETTER_PARTITION, utf8(Integer.toString(record.getPartition())))
                .add(DEAD_LETTER_OFFSET, utf8(Long.toString(offset)));
        Message<String> copy = Message.of(record.getPayload(), Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey()).withHeaders(headers).build()));
        return emitter.sendMessage(copy)
                .onFailure().invoke(e -> LOG.warnf("could not write to the dead-letter topic, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .subscribeAsCompletionStage();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
