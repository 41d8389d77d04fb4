package io.calltracker.base;

import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.logging.Logger;

import java.math.BigInteger;

/**
 * A count setting checked as it is read (through {@code @WithConverter}), as {@link BoundedDuration} is for
 * durations: below its floor the start-up stops naming the key, above its ceiling it is taken as the
 * ceiling with a WARN, and a number beyond an int is above the ceiling, not an overflow.
 */
public abstract class BoundedCount implements Converter<Integer> {

    private static final Logger LOG = Logger.getLogger(BoundedCount.class);

    private final String key;
    private final int floor;
    private final int ceiling;
    private final String rule;

    protected BoundedCount(String key, int floor, int ceiling, String rule) {
        this.key = key;
        this.floor = floor;
        this.ceiling = ceiling;
        this.rule = rule;
    }

    @Override
    public Integer convert(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        BigInteger count;
        try {
            count = new BigInteger(text);
        } catch (NumberFormatException notAWholeNumber) {
            throw new IllegalArgumentException(key + " must be a whole number, " + rule + ", got " + text);
        }
        if (count.compareTo(BigInteger.valueOf(floor)) < 0) {
            throw new IllegalArgumentException(key + " must be " + rule + ", got " + text);
        }
        if (count.compareTo(BigInteger.valueOf(ceiling)) > 0) {
            LOG.warnf("%s=%s is more than the tracker has a use for; taken as %d", key, text, ceiling);
            return ceiling;
        }
        return count.intValue();
    }
}
