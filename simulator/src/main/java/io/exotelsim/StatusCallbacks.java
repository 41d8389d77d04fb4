package io.exotelsim;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs a call's status to its callback URL, as Exotel's v1-style status callbacks do: at the moment the
 * {@link CallbackModel} says (v3 terminal by default, or the call's end), for its share of calls, late by
 * its delay distribution plus {@code callback_delay_ms}, lost by its lost share or
 * {@code callback_drop_rate}, perhaps twice, because the vendor promises none of it. Like the vendor, it
 * does not retry; whatever goes wrong is counted, never thrown.
 */
final class StatusCallbacks {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final FaultSettings faults;
    private final CallRegistry calls;
    private final CallbackCounters counters;
    private final AtomicReference<CallbackModel> model = new AtomicReference<>(CallbackModel.initial());

    StatusCallbacks(Clock clock, ScheduledExecutorService scheduler, HttpClient http, FaultSettings faults,
            CallRegistry calls, CallbackCounters counters) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.http = http;
        this.faults = faults;
        this.calls = calls;
        this.counters = counters;
    }

    CallbackModel model() {
        return model.get();
    }

    /** Applies to callbacks whose moment comes from now on; those already on their way keep their fate. */
    CallbackModel setModel(CallbackModel next) {
        if (next == null) {
            throw new IllegalArgumentException("a callback model body is required");
        }
        model.set(next);
        return next;
    }

    /** Does nothing for a call registered without a callback URL. */
    void schedule(SimulatedCall call) {
        CallbackModel at = model.get();
        call.statusCallback().ifPresent(target -> scheduler.schedule(() -> due(call, target, at),
                Math.max(0, Duration.between(clock.instant(), moment(call, at)).toMillis()), TimeUnit.MILLISECONDS));
    }

    private static Instant moment(SimulatedCall call, CallbackModel model) {
        return model.atEnd() ? call.timeline().ended() : call.terminalAt();
    }

    /**
     * The model in force when the call was registered (its moment) and the faults in force at that moment
     * decide the callback's fate: outside the share, lost or dropped it is counted as dropped.
     */
    private void due(SimulatedCall call, StatusCallbackTarget target, CallbackModel model) {
        if (!calls.plays(call)) {
            return;
        }
        Faults current = faults.current();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() >= model.share() || random.nextDouble() < model.lost()
                || random.nextDouble() < current.callbackDropRate()) {
            counters.recordDropped();
            return;
        }
        long delay = current.callbackDelayMs() + model.drawDelayMs(random);
        Map<String, Object> payload = StatusCallbackPayload.of(call, model);
        scheduler.schedule(() -> send(target, payload), delay, TimeUnit.MILLISECONDS);
        if (random.nextDouble() < model.duplicated()) {
            counters.recordDuplicated();
            scheduler.schedule(() -> send(target, payload), delay + model.drawDelayMs(random), TimeUnit.MILLISECONDS);
        }
    }

    private void send(StatusCallbackTarget target, Map<String, Object> payload) {
        try {
            http.sendAsync(request(target, payload), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure == null && response.statusCode() / 100 == 2) {
                            counters.recordSent();
                        } else {
                            counters.recordFailed();
                        }
                    });
        } catch (RuntimeException unsendable) {
            // Thrown on the scheduler's thread it would vanish uncounted.
            counters.recordFailed();
        }
    }

    private static HttpRequest request(StatusCallbackTarget target, Map<String, Object> payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(REQUEST_TIMEOUT);
        if (target.json()) {
            return request.header("Content-Type", StatusCallbackTarget.JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(payload)))
                    .build();
        }
        MultipartForm form = new MultipartForm(payload);
        return request.header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()))
                .build();
    }
}
