package io.calltracker.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

/**
 * Consumes new call SIDs a poll at a time: every accepted call of the batch goes into the schedule with
 * one statement, every record that can never be tracked (the parser rejects it, or the database refuses
 * its data) is copied to the dead-letter topic with its reason. Only when both are done is the batch
 * acknowledged, so no offset is committed before its record is either a durable call or a dead letter.
 * <p>
 * Up to {@code smallrye.messaging.worker.intake.max-concurrency} batches are stored at once (worker pool
 * {@value #WORKERS}): one INSERT waits on PostgreSQL (index maintenance, the commit's WAL flush) while the
 * next batch is parsed and sent, instead of one batch at a time. Acknowledgements may then arrive out of
 * order; the throttled commit strategy commits an offset only once every record before it is
 * acknowledged, so a crash still replays every batch whose calls were not committed. Two batches holding
 * the same SID still make one row (the key; PollSchedule inserts in SID order, so they cannot deadlock),
 * but which of the two records' metadata is kept is then the one committed first.
 */
@ApplicationScoped
public class CallsCreatedListener {

    public static final String CHANNEL = "calls-created";
    /** The named worker pool that bounds how many batches are stored at once. */
    static final String WORKERS = "intake";
    private static final Logger LOG = Logger.getLogger(CallsCreatedListener.class);

    private final IntakeParser parser;
    private final IntakeStore store;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;

    public CallsCreatedListener(IntakeParser parser, IntakeStore store, DeadLetters deadLetters, MeterRegistry meters) {
        this.parser = parser;
        this.store = store;
        this.deadLetters = deadLetters;
        this.meters = meters;
        // Every kind from the start, at 0: an alert on increase() sees the first rejection of a kind too.
        for (RejectionKind kind : RejectionKind.values()) {
            rejected(kind);
        }
    }

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public CompletionStage<Void> onCallsCreated(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> acceptedRecords = new ArrayList<>(batch.getRecords().size());
        List<IntakeRequest> accepted = new ArrayList<>(batch.getRecords().size());
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                accepted.add(parser.parse(record.getPayload()));
                acceptedRecords.add(record);
            } catch (RejectedIntakeException e) {
                deadLettered.add(deadLetter(record, e.kind(), e.getMessage()));
            }
        }
        // The dead letters are on their way while the calls are stored.
        Set<Integer> refused = new HashSet<>();
        for (IntakeStore.Refusal refusal : store.trackAll(accepted)) {
            refused.add(refusal.index());
            deadLettered.add(deadLetter(acceptedRecords.get(refusal.index()), RejectionKind.REFUSED_BY_DATABASE, refusal.reason()));
        }
        IntStream.range(0, accepted.size()).filter(i -> !refused.contains(i)).mapToObj(accepted::get)
                .collect(groupingBy(IntakeRequest::accountSid, counting()))
                .forEach((account, calls) -> meters.counter("tracker.intake.accepted", "account", account).increment(calls));
        return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)).thenCompose(sent -> batch.ack());
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, RejectionKind kind, String reason) {
        LOG.warnf("intake message rejected to the dead-letter topic (%s): %s", kind.label(), reason);
        rejected(kind).increment();
        return deadLetters.send(record, kind, reason);
    }

    private Counter rejected(RejectionKind kind) {
        return meters.counter("tracker.intake.rejected", "reason", kind.label());
    }
}
