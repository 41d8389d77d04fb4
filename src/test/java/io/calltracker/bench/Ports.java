package io.calltracker.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * HTTP ports for the child processes: the bench's range 18300–18399 (or the 100 from {@code BENCH_FIRST_PORT}, so
 * that two benches on one machine do not race for the same ports), skipping any port in use.
 */
final class Ports {

    private static final int FIRST = Integer.parseInt(System.getenv().getOrDefault("BENCH_FIRST_PORT", "18300"));
    private static final int LAST = FIRST + 99;
    private static int next = FIRST;

    private Ports() {
    }

    /** The next free port of the range, round-robin, so a process that is still exiting keeps its port. */
    static synchronized int next() {
        for (int tried = 0; tried <= LAST - FIRST; tried++) {
            int port = next;
            next = next == LAST ? FIRST : next + 1;
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "–" + LAST);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
