package io.calltracker.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** HTTP ports for the child processes: the bench's range 18300–18399, skipping any port in use. */
final class Ports {

    private static final int FIRST = 18300;
    private static final int LAST = 18399;
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
