package io.calltracker.api;

import io.calltracker.base.ProblemType;
import io.calltracker.exotel.Sids;
import io.quarkus.runtime.configuration.DurationConverter;

import java.time.Duration;

/** The validated filter of {@code GET /admin/calls}; built from the raw query parameters. */
record CallListQuery(boolean inFlight, Duration minAge, String accountSid, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static CallListQuery of(String state, String minAge, String accountSid, String limit) {
        return new CallListQuery(inFlight(state), minAge(minAge), account(accountSid), limit(limit));
    }

    private static boolean inFlight(String state) {
        if (state == null || state.equals("in_flight")) {
            return true;
        }
        if (state.equals("finished")) {
            return false;
        }
        throw invalid("state must be in_flight or finished");
    }

    private static Duration minAge(String value) {
        if (value == null) {
            return Duration.ZERO;
        }
        Duration age;
        try {
            age = DurationConverter.parseDuration(value);
        } catch (RuntimeException e) {
            throw invalid("min_age must be a duration like 90s, 10m or 4h");
        }
        if (age == null || age.isNegative()) {
            throw invalid("min_age must be a duration like 90s, 10m or 4h");
        }
        return age;
    }

    private static String account(String value) {
        if (value != null && !Sids.isAccountSid(value)) {
            throw invalid("account_sid must match " + Sids.ACCOUNT_SID_PATTERN);
        }
        return value;
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }
}
