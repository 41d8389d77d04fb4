package io.calltracker.tracking;

import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.logging.Logger;

import java.math.BigInteger;

/**
 * tracker.max-poll-failures, checked as it is read: at least 1 (1 ends a call at its first reply that
 * cannot be applied; 0 or less has no meaning), and a number beyond an int is taken as the largest int,
 * which means no limit: only max-tracking-age ends such a call.
 */
public final class MaxPollFailuresSetting implements Converter<Integer> {

    private static final String KEY = "tracker.max-poll-failures";
    private static final Logger LOG = Logger.getLogger(MaxPollFailuresSetting.class);

    @Override
    public Integer convert(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        BigInteger count = new BigInteger(text);
        if (count.signum() < 1) {
            throw new IllegalArgumentException(KEY + " must be at least 1 (1 fails a call at its first reply that cannot be"
                    + " applied), got " + text);
        }
        if (count.bitLength() >= Integer.SIZE) {
            LOG.warnf("%s=%s is beyond an int; taken as %d (only max-tracking-age ends such calls)", KEY, text,
                    Integer.MAX_VALUE);
            return Integer.MAX_VALUE;
        }
        return count.intValue();
    }
}
