package probelab.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container runtimes of this machine: the built-in recipes, then what users define or override in
 * runtimes.json files (later files win). Every one is an {@link OciCliRuntime}; only its spec differs.
 */
public final class ContainerRuntimes {
    /** The user who runs the rootless engines, as {@code ./probelab setup} creates it. */
    public static final String ROOTLESS_USER = System.getenv().getOrDefault("PROBELAB_ROOTLESS_USER", "probelab");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ContainerRuntimes() {
    }

    /** The files users define runtimes in, least specific first: ~/.config/probelab, then the project's var/. */
    public static List<Path> configFiles(Path varDir) {
        return List.of(Path.of(System.getProperty("user.home"), ".config", "probelab", "runtimes.json"),
                varDir.resolve("runtimes.json"));
    }

    /**
     * Built-in and user-defined runtimes, sharing one image maker under {@code varDir/images}; with {@code goTime},
     * toolchain images carry probes/gotime (builds then also time go build inside; {@link GoTime#NONE}: not).
     */
    public static List<Runtime> load(Path varDir, Path scratchDir, List<Path> configFiles, GoTime goTime) {
        OciImages images = new OciImages(varDir.resolve("images"), goTime);
        List<Runtime> out = new ArrayList<>();
        for (OciRuntimeSpec spec : specs(OciRuntimeSpec.builtIns(ROOTLESS_USER), configFiles)) {
            out.add(new OciCliRuntime(spec, images, scratchDir));
        }
        return out;
    }

    /**
     * Applies each config file to the built-ins: an entry whose id is known changes only the fields it names; a new
     * id starts from {@code "base"} (a known id) when given, else from the defaults.
     */
    public static List<OciRuntimeSpec> specs(List<OciRuntimeSpec> builtIns, List<Path> configFiles) {
        Map<String, OciRuntimeSpec> byId = new LinkedHashMap<>();
        for (OciRuntimeSpec s : builtIns) byId.put(s.id(), s);
        for (Path file : configFiles) {
            if (!Files.isRegularFile(file)) continue;
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new RuntimeConfigException(file, "not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new RuntimeConfigException(file, "cannot read: " + e.getMessage());
            }
            JsonNode list = root == null ? null : root.get("runtimes");
            if (list == null || !list.isArray()) throw new RuntimeConfigException(file, "expected {\"runtimes\": [ ... ]}");
            for (JsonNode entry : list) {
                if (!entry.isObject() || !entry.hasNonNull("id")) {
                    throw new RuntimeConfigException(file, "every runtime needs an \"id\"");
                }
                String id = entry.get("id").asText();
                ObjectNode merged;
                if (byId.containsKey(id)) {
                    merged = JSON.valueToTree(byId.get(id));
                } else if (entry.hasNonNull("base")) {
                    String base = entry.get("base").asText();
                    if (!byId.containsKey(base)) {
                        throw new RuntimeConfigException(file, "runtime '" + id + "': unknown base '" + base + "'; known: "
                                + String.join(", ", byId.keySet()));
                    }
                    merged = JSON.valueToTree(byId.get(base));
                } else {
                    merged = JSON.createObjectNode();
                }
                entry.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("base")) merged.set(f.getKey(), f.getValue());
                });
                try {
                    byId.put(id, JSON.treeToValue(merged, OciRuntimeSpec.class));
                } catch (JsonProcessingException e) {
                    // the spec's own checks (id, cache modes) arrive wrapped; their message is the useful one
                    String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
                    throw new RuntimeConfigException(file, "runtime '" + id + "': " + why);
                }
            }
        }
        return List.copyOf(byId.values());
    }

    /** A runtimes.json that cannot be used: names the file and what is wrong with it. */
    public static final class RuntimeConfigException extends IllegalArgumentException {
        public RuntimeConfigException(Path file, String message) {
            super(file + ": " + message);
        }
    }
}
