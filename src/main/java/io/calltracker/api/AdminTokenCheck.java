package io.calltracker.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Decides whether an Authorization header carries the configured admin token. Plain Java, so it is unit-tested. */
final class AdminTokenCheck {

    enum Verdict { DISABLED, MISSING, WRONG, GRANTED }

    private static final String BEARER = "Bearer ";

    private AdminTokenCheck() {
    }

    static Verdict check(Optional<String> configuredToken, String authorization) {
        if (configuredToken.filter(token -> !token.isBlank()).isEmpty()) {
            return Verdict.DISABLED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Verdict.MISSING;
        }
        byte[] expected = configuredToken.get().getBytes(StandardCharsets.UTF_8);
        byte[] presented = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time in the presented value, so response times do not reveal how much of a guess was right.
        return MessageDigest.isEqual(expected, presented) ? Verdict.GRANTED : Verdict.WRONG;
    }
}
