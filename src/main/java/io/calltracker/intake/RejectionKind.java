package io.calltracker.intake;

import java.util.Locale;

/**
 * What kind of fault made intake refuse a value: the {@code reason} label of
 * {@code tracker_intake_rejected_total} and the {@code dead-letter-reason-code} header. A short, fixed
 * list on purpose: a metric label must not grow with the input, and an alert per kind needs names that
 * stay put. The reason text says the rest.
 */
public enum RejectionKind {
    /** A null value: a tombstone, or a producer that sends no value. */
    TOMBSTONE,
    TOO_LARGE,
    EMPTY,
    /** Not readable: neither a call SID nor a JSON value Jackson can read within its limits. */
    MALFORMED,
    NO_CALL_SID,
    INVALID_CALL_SID,
    /** A field of the wrong JSON type (a number for call_sid, an array for metadata, …). */
    WRONG_TYPE,
    /** Readable, but holds what PostgreSQL cannot store (NUL, lone surrogates, numbers beyond numeric). */
    UNSTORABLE,
    ACCOUNT_DISABLED,
    ACCOUNT_UNKNOWN,
    /** The database refused the row itself (a constraint the parser does not know). */
    REFUSED_BY_DATABASE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
