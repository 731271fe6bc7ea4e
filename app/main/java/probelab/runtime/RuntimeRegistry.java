package probelab.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every runtime probelab knows, by id, in the order users see them. */
public final class RuntimeRegistry {
    private final Map<String, Runtime> byId = new LinkedHashMap<>();

    public RuntimeRegistry(List<Runtime> runtimes) {
        for (Runtime r : runtimes) {
            if (byId.putIfAbsent(r.id(), r) != null) {
                throw new IllegalArgumentException("two runtimes share the id '" + r.id() + "'");
            }
        }
    }

    /**
     * Native first, then the built-in container runtimes and those of {@code var/runtimes*.json}; builds time
     * {@code go build} itself with probes/gotime.
     */
    public static RuntimeRegistry builtIn(Path varDir, Path scratchDir, Path probesDir, Path binDir) {
        List<Runtime> list = new ArrayList<>();
        GoTime goTime = new GoTime(probesDir, binDir);
        list.add(new NativeRuntime(scratchDir, goTime));
        list.addAll(ContainerRuntimes.load(varDir, scratchDir, ContainerRuntimes.configFiles(varDir), goTime));
        return new RuntimeRegistry(list);
    }

    public List<Runtime> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public Runtime get(String id) {
        Runtime r = byId.get(id);
        if (r == null) throw new UnknownRuntimeException(id, ids());
        return r;
    }

    /** Resolves ids in the order given, refusing the first unknown one with the valid names. */
    public List<Runtime> resolve(List<String> ids) {
        List<Runtime> out = new ArrayList<>();
        for (String id : ids) {
            Runtime r = get(id);
            if (!out.contains(r)) out.add(r);
        }
        return out;
    }

    /** The runtimes that answer now. */
    public List<Runtime> available() {
        return byId.values().stream().filter(r -> r.availability().available()).toList();
    }

    /**
     * The runtimes a first look covers (./probelab run, the job page's presets): those that answer now, without the
     * OCI runtime variants of an engine (gVisor, crun), which a job names to ask what the OCI runtime costs.
     */
    public List<Runtime> firstLook() {
        return byId.values().stream().filter(r -> probelab.catalog.RuntimeName.inFirstLook(r.id()))
                .filter(r -> r.availability().available()).toList();
    }
}
