package io.calltracker.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The event schemas and their identifiers. A schema file names its own path on the tracker in
 * {@code $id} ({@code /schema/<file>}); resolved against {@code tracker.events.schema-base-url} that
 * is the one absolute identifier both the served schema's {@code $id} and the events' {@code ce_dataschema} carry.
 */
@ApplicationScoped
public class EventSchemas {

    /** Relative, so that a base URL's path prefix is kept. */
    private static final String SCHEMA_FOLDER = "schema/";

    private final URI baseUrl;
    private final ObjectMapper mapper;

    public EventSchemas(EventsConfig config, ObjectMapper mapper) {
        this.baseUrl = config.schemaBaseUrl();
        this.mapper = mapper;
    }

    URI id(EventType type) {
        return baseUrl.resolve(SCHEMA_FOLDER + type.schemaFile());
    }

    /** The schema as the tracker serves it: the committed file with its absolute {@code $id}. */
    String served(EventType type) {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/" + SCHEMA_FOLDER + type.schemaFile())) {
            if (in == null) {
                throw new IllegalStateException("schema " + type.schemaFile() + " is not in the jar");
            }
            ObjectNode schema = (ObjectNode) mapper.readTree(in);
            schema.put("$id", id(type).toString());
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
