package dev.goalcoach.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a Kustomize directory as {@code kubectl kustomize} does, for the features these manifests use and no
 * more: {@code resources} (files and directories), {@code namespace}, {@code images} (newName, newTag) and
 * {@code patches} (JSON 6902 operations, inline or from a file, on the objects a target names by kind and
 * optionally name). Anything else in a kustomization fails the rendering rather than being ignored, so a
 * feature added to an overlay is added here first. {@code ManifestsTest} compares its output with kubectl's
 * wherever kubectl is on the path.
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();

    private static final List<String> KNOWN =
            List.of("apiVersion", "kind", "resources", "namespace", "images", "patches");

    private Kustomize() {}

    /** Every object the directory renders to, in order. */
    static List<ObjectNode> build(Path dir) {
        JsonNode k = read(dir.resolve("kustomization.yaml")).get(0);
        k.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + field + "' is not rendered here");
            }
        });
        var objects = new ArrayList<ObjectNode>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p));
            } else {
                read(p).forEach(o -> objects.add((ObjectNode) o));
            }
        }
        for (JsonNode patch : k.path("patches")) {
            String text = patch.has("path")
                    ? string(dir.resolve(patch.path("path").asText()))
                    : patch.path("patch").asText();
            JsonNode ops;
            try {
                ops = YAML.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!ops.isArray()) {
                throw new IllegalArgumentException(
                        dir + ": only JSON 6902 patches (a list of operations) are rendered");
            }
            JsonNode target = patch.path("target");
            boolean matched = false;
            for (int i = 0; i < objects.size(); i++) {
                if (matches(objects.get(i), target)) {
                    objects.set(i, (ObjectNode) JsonPatch.apply(ops, objects.get(i)));
                    matched = true;
                }
            }
            if (!matched) {
                throw new IllegalArgumentException(dir + ": a patch's target matches nothing: " + target);
            }
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> setImage(o, image));
        }
        if (k.has("namespace")) {
            objects.forEach(o -> ((ObjectNode) o.path("metadata"))
                    .put("namespace", k.path("namespace").asText()));
        }
        return objects;
    }

    private static boolean matches(ObjectNode o, JsonNode target) {
        for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext(); ) {
            var f = it.next();
            String actual = switch (f.getKey()) {
                case "kind" -> o.path("kind").asText();
                case "name" -> o.path("metadata").path("name").asText();
                default -> throw new IllegalArgumentException("patch target by " + f.getKey() + " is not rendered");
            };
            if (!actual.equals(f.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static void setImage(ObjectNode o, JsonNode image) {
        JsonNode pod = o.path("spec").path("template").path("spec");
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : pod.path(list)) {
                String current = c.path("image").asText();
                String name = current.replaceFirst("[:@].*$", "");
                if (name.equals(image.path("name").asText())) {
                    String newName = image.path("newName").asText(name);
                    String tag = image.has("newTag")
                            ? ":" + image.path("newTag").asText()
                            : current.substring(name.length());
                    ((ObjectNode) c).set("image", TextNode.valueOf(newName + tag));
                }
            }
        }
    }

    /** The YAML documents of a file (one or more, "---" separated), empty ones skipped. */
    static List<JsonNode> read(Path file) {
        try (var docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            var out = new ArrayList<JsonNode>();
            while (docs.hasNext()) {
                JsonNode d = (JsonNode) docs.next();
                if (d != null && !d.isNull() && !d.isMissingNode() && !d.isEmpty()) {
                    out.add(d);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every object of a multi-document YAML text (kubectl's output). */
    static List<ObjectNode> parse(String yaml) {
        try (var docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            var out = new ArrayList<ObjectNode>();
            while (docs.hasNext()) {
                JsonNode d = (JsonNode) docs.next();
                if (d instanceof ObjectNode o && !o.isEmpty()) {
                    out.add(o);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String string(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrayNode array(JsonNode n) {
        return n.isArray() ? (ArrayNode) n : YAML.createArrayNode();
    }
}
