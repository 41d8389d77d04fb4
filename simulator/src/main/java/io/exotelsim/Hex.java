package io.exotelsim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Lower-case hex strings in the shapes Exotel uses for call SIDs, request ids and URL signatures. */
final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** Random hex of an even length; not secure, it only has to look like Exotel's 32-char ids. */
    static String random(int length) {
        byte[] bytes = new byte[length / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** A stable digest, so that repeated polls of one call see the same "signed" recording URL. */
    static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
