package probelab.runtime;

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
}
