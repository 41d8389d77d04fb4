package io.calltracker.intake;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts status callbacks by what became of them: {@code tracker_status_callbacks_total{result}}. */
@ApplicationScoped
class StatusCallbackCounter {

    static final String BAD_TOKEN = "bad_token";
    static final String REJECTED = "rejected";

    private final MeterRegistry meters;

    StatusCallbackCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String result) {
        meters.counter("tracker.status_callbacks", "result", result).increment();
    }
}
