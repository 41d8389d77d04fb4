package io.calltracker.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders deploy/k8s as {@code kubectl kustomize} does, for the features its kustomizations use:
 * resources (files and directories), components, images (newName/newTag) and strategic-merge patches
 * (maps merged, lists of named items merged by name, volume mounts by mountPath). Written here because
 * no kustomize is served by the registries this project builds from (Maven Central, Debian, npm); a
 * kustomization using any other field fails the check instead of being rendered wrongly.
 */
final class Kustomize {

    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "components", "images", "patches");

    private Kustomize() {
    }

    static List<JsonNode> render(Path directory) throws IOException {
        JsonNode kustomization = DeploymentFilesTest.YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field)) {
                throw new IllegalStateException(directory + "/kustomization.yaml uses '" + field
                        + "', which deployment/Kustomize does not render: teach it, or the checks see wrong manifests");
            }
        });
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            documents.addAll(load(directory.resolve(resource.asText()).normalize()));
        }
        for (JsonNode component : kustomization.path("components")) {
            documents.addAll(render(directory.resolve(component.asText()).normalize()));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            for (JsonNode change : DeploymentFilesTest.Manifests.parse(directory.resolve(patch.path("path").asText()))) {
                merge(target(documents, change), change);
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            retag(documents, image);
        }
        return documents;
    }

    private static List<JsonNode> load(Path resource) throws IOException {
        return Files.isDirectory(resource) ? render(resource) : DeploymentFilesTest.Manifests.parse(resource);
    }

    private static ObjectNode target(List<JsonNode> documents, JsonNode patch) {
        return (ObjectNode) documents.stream()
                .filter(d -> d.path("kind").equals(patch.path("kind"))
                        && d.path("metadata").path("name").equals(patch.path("metadata").path("name")))
                .findFirst().orElseThrow(() -> new IllegalStateException("patch for a missing object: " + patch.path("kind")
                        + " " + patch.path("metadata").path("name")));
    }

    /** Strategic merge as Kubernetes does it for these objects: maps deep, named list items by name or mountPath. */
    static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else if (existing instanceof ArrayNode list && field.getValue().isArray()) {
                mergeList(list, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode target, JsonNode patch) {
        for (JsonNode item : patch) {
            String key = item.has("name") ? "name" : item.has("mountPath") ? "mountPath" : null;
            JsonNode match = null;
            for (JsonNode existing : target) {
                if (key != null && existing.path(key).equals(item.path(key))) {
                    match = existing;
                }
            }
            if (match instanceof ObjectNode object) {
                merge(object, item);
            } else {
                target.add(item.deepCopy());
            }
        }
    }

    private static void retag(List<JsonNode> documents, JsonNode image) {
        String name = image.path("name").asText();
        for (JsonNode document : documents) {
            for (JsonNode container : document.findValues("containers")) {
                for (JsonNode c : container) {
                    String current = c.path("image").asText();
                    if (current.equals(name) || current.startsWith(name + ":")) {
                        String tag = image.has("newTag") ? image.path("newTag").asText() : current.substring(name.length() + 1);
                        ((ObjectNode) c).put("image", image.path("newName").asText(name) + ":" + tag);
                    }
                }
            }
        }
    }
}
