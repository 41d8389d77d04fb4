package io.calltracker.base;

import io.quarkus.runtime.configuration.DurationConverter;
import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * How long rows are kept before a purge deletes them, checked as it is read (through
 * {@code @WithConverter}): {@code 0} keeps them forever ({@link #FOREVER}); otherwise at least an hour,
 * because a shorter age is a unit mistake ("30" meant as days is read as 30 seconds) that would delete
 * rows an operator still looks at; negative values are refused. Ages beyond {@link #CENTURY} are
 * taken as forever with a warning, since no row is that old: unlike {@link BoundedDuration}'s ceiling,
 * shortening such a value would delete what the operator asked to keep, and passing it on would
 * overflow PostgreSQL's interval arithmetic in every purge.
 */
public abstract class RetentionAge implements Converter<Duration> {

    /** The value that means "keep forever". */
    public static final Duration FOREVER = Duration.ZERO;
    public static final Duration FLOOR = Duration.ofHours(1);
    public static final Duration CENTURY = Duration.ofDays(36_500);
    private static final Logger LOG = Logger.getLogger(RetentionAge.class);

    private final String key;

    protected RetentionAge(String key) {
        this.key = key;
    }

    /** Whether a converted age means the rows are never deleted. */
    public static boolean keepsForever(Duration age) {
        return age.isZero();
    }

    @Override
    public Duration convert(String value) {
        Duration age = DurationConverter.parseDuration(value);
        if (age == null) {
            return null;
        }
        if (age.isZero()) {
            return FOREVER;
        }
        if (age.compareTo(FLOOR) < 0) {
            throw new IllegalArgumentException(key + " must be 0 (keep forever) or at least 1h, got " + value.trim());
        }
        if (age.compareTo(CENTURY) > 0) {
            LOG.warnf("%s=%s is longer than any row can be old; taken as 0 (keep forever)", key, value.trim());
            return FOREVER;
        }
        return age;
    }
}
