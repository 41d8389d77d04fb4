package io.calltracker.testing;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The events' JSON Schemas as shipped in the jar, for validating real events. */
public final class EventSchema {

    private static final Validator VALIDATOR = validator("/META-INF/resources/schema/call-completed-event.v1.json");
    private static final Validator ARCHIVED = validator("/META-INF/resources/schema/call-recordings-archived-event.v1.json");

    private EventSchema() {
    }

    /** @return the validation errors, empty when the event conforms */
    public static String violations(String eventJson) {
        OutputUnit result = VALIDATOR.validate(new JsonObject(eventJson));
        return result.getValid() ? "" : String.valueOf(result.getErrors());
    }

    /** As {@link #violations}, for the event call.recordings_archived. */
    public static String archivedViolations(String eventJson) {
        OutputUnit result = ARCHIVED.validate(new JsonObject(eventJson));
        return result.getValid() ? "" : String.valueOf(result.getErrors());
    }

    private static Validator validator(String resource) {
        return Validator.create(JsonSchema.of(new JsonObject(read(resource))),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://calltracker.invalid/")
                        .setOutputFormat(OutputFormat.Basic));
    }

    private static String read(String resource) {
        try (InputStream in = EventSchema.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
