package io.calltracker.testing;

import java.util.UUID;

/** Fresh call SIDs, so tests sharing one database and broker never see each other's calls. */
public final class TestSids {

    private TestSids() {
    }

    public static String newCallSid() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
