package io.calltracker.guard;

import java.time.Instant;
import java.util.function.Function;

/** How a request to Exotel went at the account's gate: answered, or refused before it was sent. */
public sealed interface Exchange<T> {

    /** The answer, or what {@code refused} makes of the reason the request was not sent. */
    default T answerOr(Function<String, T> refused) {
        return this instanceof Answered<T> answered ? answered.answer() : refused.apply(((Refused<T>) this).reason());
    }

    /** Sent, and this is Exotel's answer (which may itself be an error: the gate has learnt from it). */
    record Answered<T>(T answer) implements Exchange<T> {
    }

    /** Not sent: the account is blocked, paused, its circuit open or its rate share spent until {@code retryAt}. */
    record Refused<T>(String reason, Instant retryAt) implements Exchange<T> {
    }
}
