package io.calltracker.exotel;

import java.util.regex.Pattern;

/**
 * Shapes of the identifiers that go into Exotel URL paths. Anything else is refused before a
 * request is built, so an identifier can never change the path (no '/', '..', '%', spaces).
 */
public final class Sids {

    /** The one statement of a call SID's shape; messages and API docs quote it from here. */
    public static final String CALL_SID_PATTERN = "^[A-Za-z0-9]{16,64}$";
    public static final String ACCOUNT_SID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

    private static final Pattern CALL_SID = Pattern.compile(CALL_SID_PATTERN);
    private static final Pattern ACCOUNT_SID = Pattern.compile(ACCOUNT_SID_PATTERN);

    private Sids() {
    }

    public static boolean isCallSid(String value) {
        return value != null && CALL_SID.matcher(value).matches();
    }

    public static boolean isAccountSid(String value) {
        return value != null && ACCOUNT_SID.matcher(value).matches();
    }
}
