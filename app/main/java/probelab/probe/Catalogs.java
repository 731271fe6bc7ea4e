package probelab.probe;

import probelab.catalog.UnknownNameException;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

import java.util.ArrayList;
import java.util.List;

/** What a job may name on this machine: its runtimes and Go toolchains; planning checks a request against them. */
public record Catalogs(RuntimeRegistry runtimes, Toolchains toolchains) {
    /**
     * The request checked against this machine: every runtime, Go version and cache mode it names exists, or an
     * {@link UnknownNameException} lists the valid ones. Pure: it writes nothing, so a refused request leaves no trace
     * and the jobs page can estimate a job it has not started.
     */
    public Plan plan(JobRequest request) {
        if (request.what().target() != null) return new Plan(JobIds.next(), request, List.of(), List.of());
        List<Runtime> rts = runtimes.resolve(request.what().runtimes());
        List<Toolchain> tcs = new ArrayList<>();
        for (String v : request.what().goVersions()) {
            Toolchain t = toolchains.resolve(v);
            if (!tcs.contains(t)) tcs.add(t);
        }
        List<String> modes = request.where().cacheModes();
        if (modes != null) {
            List<String> known = runtimes.all().stream().flatMap(r -> r.cacheModes().stream()).distinct().toList();
            for (String mode : modes) {
                if (!known.contains(mode)) throw new UnknownNameException("cache mode", mode, known);
            }
        }
        return new Plan(JobIds.next(), request, rts, tcs);
    }
}
