package io.calltracker.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Consumes new call SIDs. A record is acknowledged (and so its offset committed) only once the
 * call is in the schedule; a record that can never be tracked is nacked, which the dead-letter
 * failure strategy turns into a copy on the DLQ topic with the reason in header dead-letter-reason.
 */
@ApplicationScoped
public class CallsCreatedListener {

    public static final String CHANNEL = "calls-created";
    private static final Logger LOG = Logger.getLogger(CallsCreatedListener.class);

    private final IntakeParser parser;
    private final IntakeStore store;
    private final MeterRegistry meters;

    public CallsCreatedListener(IntakeParser parser, IntakeStore store, MeterRegistry meters) {
        this.parser = parser;
        this.store = store;
        this.meters = meters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onCallCreated(Message<String> message) {
        IntakeRequest request;
        try {
            request = parser.parse(message.getPayload());
        } catch (RejectedIntakeException e) {
            LOG.warnf("intake message rejected to the dead-letter topic: %s", e.getMessage());
            meters.counter("tracker.intake.rejected").increment();
            return message.nack(e);
        }
        store.track(request);
        meters.counter("tracker.intake.accepted", "account", request.accountSid()).increment();
        return message.ack();
    }
}
