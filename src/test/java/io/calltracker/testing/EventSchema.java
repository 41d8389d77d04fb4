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

/**
 * The events' JSON Schemas, for validating real events: the ones shipped in the jar and their frozen v1
 * baselines (src/test/resources/schema-baseline/) that consumers may hold. An event must satisfy both.
 */
public final class EventSchema {

    public static final String SHIPPED = "/schema/call-completed-event.v1.json";
    public static final String BASELINE = "/schema-baseline/call-completed-event.v1.json";
    private static final String ARCHIVED = "call-recordings-archived-event.v1.json";

    private static final Validator SHIPPED_VALIDATOR = validator(SHIPPED);
    private static final Validator BASELINE_VALIDATOR = validator(BASELINE);
    private static final Validator ARCHIVED_VALIDATOR = validator("/schema/" + ARCHIVED);
    private static final Validator ARCHIVED_BASELINE_VALIDATOR = validator("/schema-baseline/" + ARCHIVED);

    private EventSchema() {
    }

    /** @return the validation errors against the shipped schema and the v1 baseline, empty when the event conforms to both */
    public static String violations(String eventJson) {
        return (violations(SHIPPED_VALIDATOR, "shipped", eventJson) + violations(BASELINE_VALIDATOR, "v1 baseline", eventJson)).trim();
    }

    /** As {@link #violations}, for the event call.recordings_archived. */
    public static String archivedViolations(String eventJson) {
        return (violations(ARCHIVED_VALIDATOR, "shipped", eventJson)
                + violations(ARCHIVED_BASELINE_VALIDATOR, "v1 baseline", eventJson)).trim();
    }

    public static String read(String resource) {
        try (InputStream in = EventSchema.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String violations(Validator validator, String which, String eventJson) {
        OutputUnit result = validator.validate(new JsonObject(eventJson));
        return result.getValid() ? "" : which + ": " + result.getErrors() + " ";
    }

    private static Validator validator(String resource) {
        return Validator.create(JsonSchema.of(new JsonObject(read(resource))),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://calltracker.invalid/")
                        .setOutputFormat(OutputFormat.Basic));
    }
}
