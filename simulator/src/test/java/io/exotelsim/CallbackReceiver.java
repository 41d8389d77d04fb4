package io.exotelsim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP server on a free loopback port that records the status callbacks POSTed to it. */
final class CallbackReceiver implements AutoCloseable {

    record Received(String method, String contentType, String body, long atNanos) {

        private static final Pattern FIELD =
                Pattern.compile("Content-Disposition: form-data; name=\"([^\"]*)\"\r\n\r\n(.*?)\r\n", Pattern.DOTALL);

        /** The fields of a multipart/form-data body, in order. */
        Map<String, String> formFields() {
            String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : body.split("--" + Pattern.quote(boundary))) {
                Matcher field = FIELD.matcher(part);
                if (field.find()) {
                    fields.put(field.group(1), field.group(2));
                }
            }
            return fields;
        }
    }

    private final HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8), System.nanoTime()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** With a secret in the query, as integrators do because Exotel does not sign callbacks. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/exotel/status?token=s3cret";
    }

    void answerWith(int status) {
        this.status = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
