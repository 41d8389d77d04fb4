package io.calltracker.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calltracker.testing.EventSchema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each event schema the tracker ships against its frozen baseline (src/test/resources/schema-baseline/,
 * the version consumers hold): nothing removed, retyped, newly required or closed to additions. The
 * checker is shown to catch each of those at every property of the baseline, and to let additions through.
 */
class EventSchemaCompatibilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FILE = EventType.CALL_COMPLETED.schemaFile();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theShippedSchemaKeepsEverythingItsBaselinePromised(EventType type) {
        JsonNode baseline = baseline(type.schemaFile());
        JsonNode shipped = shipped(type.schemaFile());

        assertThat(SchemaCompatibility.breaks(baseline, shipped)).isEmpty();
        assertThat(shipped.findValues("additionalProperties")).as("no object is closed to additions")
                .noneMatch(value -> value.isBoolean() && !value.asBoolean());
        assertThat(shipped.findValues("unevaluatedProperties")).noneMatch(value -> value.isBoolean() && !value.asBoolean());
        assertThat(shipped.path("$id").asText()).as("the file names its path on the tracker")
                .isEqualTo("/schema/" + type.schemaFile());
    }

    @TestFactory
    Stream<DynamicTest> removingAnyPropertyOfTheBaselineBreaksIt() {
        return propertyPlaces(baseline(FILE)).stream().map(place -> DynamicTest.dynamicTest(place, () -> {
            String name = place.substring(place.lastIndexOf('/') + 1);
            JsonNode changed = changed(schema -> ((ObjectNode) schema.at(parentOf(place))).remove(name));
            assertThat(SchemaCompatibility.breaks(baseline(FILE), changed)).anyMatch(line -> line.endsWith(": removed"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> retypingAnyPropertyOfTheBaselineBreaksIt() {
        return propertyPlaces(baseline(FILE)).stream().map(place -> DynamicTest.dynamicTest(place, () -> {
            String name = place.substring(place.lastIndexOf('/') + 1);
            JsonNode changed = changed(schema -> ((ObjectNode) schema.at(parentOf(place)))
                    .set(name, MAPPER.createObjectNode().put("type", "boolean")));
            assertThat(SchemaCompatibility.breaks(baseline(FILE), changed)).anyMatch(line -> line.contains("constraints changed"));
        }));
    }

    @Test
    void narrowerOrWiderValuesBreakIt() {
        assertBreaks(schema -> ((ArrayNode) schema.at("/properties/outcome/enum")).add("expired"), "constraints changed");
        assertBreaks(schema -> ((ObjectNode) schema.at("/properties/event_id")).putArray("type").add("string").add("null"),
                "constraints changed");
        assertBreaks(schema -> ((ObjectNode) schema.at("/$defs/nullableText")).put("maxLength", 100), "constraints changed");
        assertBreaks(schema -> ((ObjectNode) schema.at("/properties/tracking/properties/poll_count")).put("minimum", 0),
                "constraints changed");
        assertBreaks(schema -> ((ObjectNode) schema.at("/properties/legs")).remove("items"), "items no longer described");
    }

    @Test
    void requiringSomethingNewOrNoLongerRequiringSomethingBreaksIt() {
        assertBreaks(schema -> {
            ((ObjectNode) schema.at("/properties")).putObject("queue_time").put("type", "integer");
            ((ArrayNode) schema.at("/required")).add("queue_time");
        }, "required changed");
        assertBreaks(schema -> ((ArrayNode) schema.at("/properties/tracking/required")).remove(0), "required changed");
    }

    @Test
    void closingAnObjectToAdditionsBreaksIt() {
        assertBreaks(schema -> ((ObjectNode) schema).put("additionalProperties", false), "closes the object");
        assertBreaks(schema -> ((ObjectNode) schema.at("/properties/legs/items")).put("additionalProperties", false),
                "closes the object");
        assertBreaks(schema -> ((ObjectNode) schema.at("/properties/tracking")).putObject("unevaluatedProperties")
                .put("type", "string"), "closes the object");
    }

    @Test
    void optionalAdditionsAtAnyDepthAndNewWordsAreCompatible() {
        JsonNode changed = changed(schema -> {
            ((ObjectNode) schema.at("/properties")).putObject("queue_time").putArray("type").add("integer").add("null");
            ((ObjectNode) schema.at("/properties/legs/items/properties")).putObject("ring_time").put("type", "integer");
            ((ObjectNode) schema.at("/properties/tracking/properties")).putObject("instance").put("type", "string");
            ((ObjectNode) schema.at("/properties/recordings/items/properties")).putObject("expires_at").put("type", "string");
            ((ObjectNode) schema.at("/properties/status")).put("description", "reworded");
            ((ObjectNode) schema).put("title", "reworded");
        });

        assertThat(SchemaCompatibility.breaks(baseline(FILE), changed)).isEmpty();
    }

    /** JSON pointers of every property schema in the baseline, at every depth (through properties and items). */
    private static List<String> propertyPlaces(JsonNode schema) {
        List<String> places = new ArrayList<>();
        collect(schema, "", places);
        assertThat(places).as("the walk reaches nested objects").contains("/properties/legs/items/properties/sid",
                "/properties/tracking/properties/poll_count", "/properties/recordings/items/properties/url");
        return places;
    }

    private static void collect(JsonNode schema, String pointer, List<String> places) {
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String place = pointer + "/properties/" + names.next();
            places.add(place);
            collect(schema.at(place), place, places);
        }
        if (schema.has("items")) {
            collect(schema.get("items"), pointer + "/items", places);
        }
    }

    private static String parentOf(String place) {
        return place.substring(0, place.lastIndexOf('/'));
    }

    private static void assertBreaks(Consumer<JsonNode> change, String expected) {
        assertThat(SchemaCompatibility.breaks(baseline(FILE), changed(change))).anyMatch(line -> line.contains(expected));
    }

    private static JsonNode changed(Consumer<JsonNode> change) {
        JsonNode copy = baseline(FILE).deepCopy();
        change.accept(copy);
        return copy;
    }

    private static JsonNode baseline(String file) {
        return parse("/schema-baseline/" + file);
    }

    private static JsonNode shipped(String file) {
        return parse("/schema/" + file);
    }

    private static JsonNode parse(String resource) {
        try {
            return MAPPER.readTree(EventSchema.read(resource));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
