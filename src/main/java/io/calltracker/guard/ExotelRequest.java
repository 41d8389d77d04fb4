package io.calltracker.guard;

import io.calltracker.exotel.AccountSignal;
import io.calltracker.exotel.LegsResult;
import io.calltracker.exotel.PollResult;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A request for {@link AccountGate#exchange}: how to send it, what its answer says about the account,
 * and how long it may wait for the rate share.
 */
public record ExotelRequest<T>(Supplier<T> send, Function<T, AccountSignal> signal, Duration budgetWait) {

    /** A Call Details or Bulk Call Details request: never waits for the rate share. */
    public static ExotelRequest<PollResult> poll(Supplier<PollResult> send) {
        return new ExotelRequest<>(send, AccountSignal::of, Duration.ZERO);
    }

    /**
     * The legs of a call that is already terminal: waits up to {@code budgetWait} for the rate share, so
     * the one follow-up request of a finished call does not lose its legs to a momentarily empty bucket.
     */
    public static ExotelRequest<LegsResult> legs(Supplier<LegsResult> send, Duration budgetWait) {
        return new ExotelRequest<>(send, LegsResult::signal, budgetWait);
    }
}
