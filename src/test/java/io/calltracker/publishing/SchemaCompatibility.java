package io.calltracker.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a schema change breaks for consumers of the published version, by the rules of
 * docs/events-and-schema.md: compared with the frozen baseline, every property (at every depth) is still
 * there with the same constraints, the required lists are unchanged, and no object is closed to
 * additions. New optional properties are what may change. Hand-written: the JSON Schema libraries at hand
 * validate documents, none compares two schemas.
 */
final class SchemaCompatibility {

    /** Keywords that describe without constraining: free to change within a version. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "examples", "$id",
            "$schema", "$defs", "deprecated");
    /** Keywords compared structurally below rather than by equality. */
    private static final Set<String> STRUCTURE = Set.of("properties", "required", "items", "additionalProperties",
            "unevaluatedProperties", "$ref");

    private final JsonNode baselineRoot;
    private final JsonNode shippedRoot;
    private final List<String> breaks = new ArrayList<>();

    private SchemaCompatibility(JsonNode baselineRoot, JsonNode shippedRoot) {
        this.baselineRoot = baselineRoot;
        this.shippedRoot = shippedRoot;
    }

    /** @return what breaks, one line each naming the place ({@code $.legs[].sid}); empty when compatible */
    static List<String> breaks(JsonNode baseline, JsonNode shipped) {
        SchemaCompatibility check = new SchemaCompatibility(baseline, shipped);
        check.compare(baseline, shipped, "$");
        return check.breaks;
    }

    private void compare(JsonNode baselineNode, JsonNode shippedNode, String place) {
        JsonNode baseline = resolve(baselineRoot, baselineNode);
        JsonNode shipped = resolve(shippedRoot, shippedNode);
        Map<String, JsonNode> was = constraints(baseline);
        Map<String, JsonNode> is = constraints(shipped);
        if (!was.equals(is)) {
            breaks.add(place + ": constraints changed from " + was + " to " + is);
        }
        Set<String> wasRequired = names(baseline.path("required"));
        Set<String> isRequired = names(shipped.path("required"));
        if (!wasRequired.equals(isRequired)) {
            breaks.add(place + ": required changed from " + wasRequired + " to " + isRequired);
        }
        for (String keyword : List.of("additionalProperties", "unevaluatedProperties")) {
            if (shipped.has(keyword) && !shipped.get(keyword).equals(baseline.get(keyword))
                    && !shipped.get(keyword).asBoolean(false)) {
                breaks.add(place + ": " + keyword + " closes the object to properties added later");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode now = shipped.path("properties").get(property.getKey());
            if (now == null) {
                breaks.add(place + "." + property.getKey() + ": removed");
            } else {
                compare(property.getValue(), now, place + "." + property.getKey());
            }
        }
        if (baseline.has("items")) {
            if (shipped.has("items")) {
                compare(baseline.get("items"), shipped.get("items"), place + "[]");
            } else {
                breaks.add(place + "[]: items no longer described");
            }
        }
    }

    /** The schema with a local {@code $ref} replaced by its target; keywords beside the $ref stay. */
    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode resolved = schema;
        for (int depth = 0; resolved.has("$ref"); depth++) {
            String ref = resolved.get("$ref").asText();
            JsonNode target = ref.startsWith("#") ? root.at(ref.substring(1)) : null;
            if (target == null || target.isMissingNode() || depth > 10) {
                throw new IllegalArgumentException("unresolvable $ref " + ref);
            }
            ObjectNode merged = ((ObjectNode) resolved).deepCopy();
            merged.remove("$ref");
            target.fields().forEachRemaining(field -> {
                if (!merged.has(field.getKey())) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            resolved = merged;
        }
        return resolved;
    }

    private static Map<String, JsonNode> constraints(JsonNode schema) {
        Map<String, JsonNode> constraints = new TreeMap<>();
        schema.fields().forEachRemaining(field -> {
            if (!ANNOTATIONS.contains(field.getKey()) && !STRUCTURE.contains(field.getKey())) {
                constraints.put(field.getKey(), field.getValue());
            }
        });
        return constraints;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
