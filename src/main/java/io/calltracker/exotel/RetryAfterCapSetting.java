package io.calltracker.exotel;

import io.calltracker.base.BoundedDuration;

import java.time.Duration;

/**
 * exotel.retry-after-cap: at least a second. Retry-After counts whole seconds and the account's shared
 * block is stored in whole seconds, so a shorter cap would ignore every Retry-After Exotel sends.
 */
public final class RetryAfterCapSetting extends BoundedDuration {

    public RetryAfterCapSetting() {
        super("exotel.retry-after-cap", Duration.ofSeconds(1),
                "at least 1s (Retry-After counts whole seconds; a shorter cap would ignore every one)");
    }
}
