package io.calltracker.intake;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Exotel's status callbacks: {@code tracker.status-callback.*} (env {@code TRACKER_STATUS_CALLBACK_*}). */
@ConfigMapping(prefix = "tracker.status-callback")
public interface CallbackConfig {

    /**
     * The secret in the callback URL, {@code /exotel/status-callback/<token>}: callbacks are unsigned,
     * so it is all that tells Exotel from anyone else. Unset or blank: the endpoint answers 404.
     */
    Optional<String> token();

    /** The account of a call first heard of by its callback (which names none); default: exotel.account-sid. */
    Optional<String> accountSid();
}
