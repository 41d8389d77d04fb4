package io.calltracker.base;

import io.quarkus.runtime.configuration.DurationConverter;
import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * A duration setting checked as it is read (through {@code @WithConverter}), so that a value which makes
 * no sense stops the start-up with a message naming the key instead of misbehaving later. Below its
 * floor the value is refused. Above {@link #CEILING} it is taken as the ceiling, with a warning: a year
 * is longer than any wait the tracker has a use for, and what it adds such a setting to must stay within
 * {@code Duration.toMillis()} and PostgreSQL's timestamps (beyond them a 429 or an expire pass would fail
 * every time instead of waiting).
 */
public abstract class BoundedDuration implements Converter<Duration> {

    public static final Duration CEILING = Duration.ofDays(365);
    private static final Logger LOG = Logger.getLogger(BoundedDuration.class);

    private final String key;
    private final Duration floor;
    private final String rule;

    /** @param rule what the floor means, for the message, e.g. "at least 1s (…why…)" */
    protected BoundedDuration(String key, Duration floor, String rule) {
        this.key = key;
        this.floor = floor;
        this.rule = rule;
    }

    @Override
    public Duration convert(String value) {
        Duration duration = DurationConverter.parseDuration(value);
        if (duration == null) {
            return null;
        }
        if (duration.compareTo(floor) < 0) {
            throw new IllegalArgumentException(key + " must be " + rule + ", got " + value.trim());
        }
        if (duration.compareTo(CEILING) > 0) {
            LOG.warnf("%s=%s is longer than any wait the tracker can use; taken as 365d", key, value.trim());
            return CEILING;
        }
        return duration;
    }
}
