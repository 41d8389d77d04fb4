package io.exotelsim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The API key and token the simulated Exotel accepts in an HTTP Basic {@code Authorization} header. */
final class BasicCredentials {

    private static final String SCHEME = "Basic ";

    private final byte[] expected;

    BasicCredentials(String apiKey, String apiToken) {
        expected = (apiKey + ":" + apiToken).getBytes(StandardCharsets.UTF_8);
    }

    boolean accept(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        try {
            byte[] presented = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
            return MessageDigest.isEqual(presented, expected);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
