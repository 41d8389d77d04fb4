package io.exotelsim;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * POSTs a call's status to its callback URL when the call turns terminal, as Exotel's v1-style status
 * callbacks do: perhaps late ({@code callback_delay_ms}) or never ({@code callback_drop_rate}), because
 * the vendor promises neither. Like the vendor, it does not retry; whatever goes wrong is counted,
 * never thrown.
 */
final class StatusCallbacks {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final FaultSettings faults;
    private final CallRegistry calls;
    private final CallbackCounters counters;

    StatusCallbacks(Clock clock, ScheduledExecutorService scheduler, HttpClient http, FaultSettings faults,
            CallRegistry calls, CallbackCounters counters) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.http = http;
        this.faults = faults;
        this.calls = calls;
        this.counters = counters;
    }

    /** Does nothing for a call registered without a callback URL. */
    void schedule(SimulatedCall call) {
        call.statusCallback().ifPresent(target -> scheduler.schedule(() -> due(call, target),
                Math.max(0, Duration.between(clock.instant(), call.terminalAt()).toMillis()), TimeUnit.MILLISECONDS));
    }

    /** The faults in force when the call turns terminal decide its callback's fate. */
    private void due(SimulatedCall call, StatusCallbackTarget target) {
        if (!calls.plays(call)) {
            return;
        }
        Faults current = faults.current();
        if (ThreadLocalRandom.current().nextDouble() < current.callbackDropRate()) {
            counters.recordDropped();
            return;
        }
        scheduler.schedule(() -> send(call, target), current.callbackDelayMs(), TimeUnit.MILLISECONDS);
    }

    private void send(SimulatedCall call, StatusCallbackTarget target) {
        try {
            http.sendAsync(request(target, StatusCallbackPayload.of(call)), HttpResponse.BodyHandlers.discarding())
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
