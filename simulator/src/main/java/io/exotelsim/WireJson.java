package io.exotelsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Writes the simulated vendor's JSON: bodies of both API generations and status callbacks. */
final class WireJson {

    /** Its own mapper: the wire format must not change with the application's Jackson settings. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireJson() {
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
