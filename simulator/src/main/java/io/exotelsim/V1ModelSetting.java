package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The v1 model in force: from configuration ({@code simulator.v1-model}), changed over HTTP by tests
 * and the bench ({@code PUT /simulator/v1-model}) while the simulator serves requests.
 */
final class V1ModelSetting {

    private final AtomicReference<V1Listing> current;

    V1ModelSetting(V1Listing initial) {
        current = new AtomicReference<>(initial);
    }

    V1Listing current() {
        return current.get();
    }

    /** The fields {@code update} names replace the current ones. */
    V1Listing update(Update update) {
        if (update == null) {
            throw new IllegalArgumentException("a v1 model body is required");
        }
        return current.updateAndGet(listing -> new V1Listing(
                Objects.requireNonNullElse(update.model(), listing.model()),
                Objects.requireNonNullElse(update.maxLagMs(), listing.maxLagMs())));
    }

    /** The body of {@code PUT /simulator/v1-model}: a null field stays as it is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(V1Model model, Long maxLagMs) {
    }
}
