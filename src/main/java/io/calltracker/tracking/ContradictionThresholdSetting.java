package io.calltracker.tracking;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * tracker.bulk.contradiction-threshold, checked as it is read: a share above 0 and at most 1. 0 would switch
 * every account at its first check, above 1 never; NaN and infinities are not shares.
 */
public final class ContradictionThresholdSetting implements Converter<Double> {

    private static final String KEY = "tracker.bulk.contradiction-threshold";

    @Override
    public Double convert(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        double share;
        try {
            share = Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            throw refused(text);
        }
        if (!(share > 0 && share <= 1)) {
            throw refused(text);
        }
        return share;
    }

    private static IllegalArgumentException refused(String text) {
        return new IllegalArgumentException(KEY + " must be a share above 0 and at most 1 (e.g. 0.1), got " + text);
    }
}
