package probelab.toolchain;

import probelab.catalog.GoVersion;

import probelab.process.Exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the Go toolchains on this machine and resolves the versions users ask for. */
public final class Toolchains {
    private final List<Toolchain> found;

    public Toolchains(List<Toolchain> found) {
        this.found = List.copyOf(found);
    }

    /** Looks in the usual places: Debian's /usr/lib/go-*, PATH, $GOROOT, /usr/local/go, ~/sdk/go*. */
    public static Toolchains discover() {
        Set<Path> candidates = new LinkedHashSet<>();
        globGo(Path.of("/usr/lib"), "go-*", candidates);
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir, "go"));
        }
        String goroot = System.getenv("GOROOT");
        if (goroot != null && !goroot.isEmpty()) candidates.add(Path.of(goroot, "bin", "go"));
        candidates.add(Path.of("/usr/local/go/bin/go"));
        globGo(Path.of(System.getProperty("user.home"), "sdk"), "go*", candidates);

        Map<Path, Toolchain> byRoot = new LinkedHashMap<>();
        for (Path go : candidates) {
            if (!Files.isExecutable(go)) continue;
            Toolchain t = identify(go);
            if (t != null) byRoot.putIfAbsent(t.goroot(), t);
        }
        List<Toolchain> list = new ArrayList<>(byRoot.values());
        list.sort(Comparator.comparing(Toolchain::version, GoVersion::compare));
        return new Toolchains(list);
    }

    private static void globGo(Path dir, String glob, Set<Path> out) {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            List<Path> dirs = new ArrayList<>();
            ds.forEach(dirs::add);
            dirs.sort(Comparator.naturalOrder());
            for (Path d : dirs) out.add(d.resolve("bin").resolve("go"));
        } catch (IOException ignored) {
            // an unreadable directory simply holds no toolchain we can use
        }
    }

    private static Toolchain identify(Path go) {
        // GOTOOLCHAIN=local: never let a go binary switch to (or download) another toolchain.
        var env = Map.of("GOTOOLCHAIN", "local", "GOFLAGS", "");
        var r = Exec.run(List.of(go.toString(), "env", "GOVERSION", "GOROOT"), null, env, 20_000);
        if (!r.ok()) return null;
        String[] lines = r.stdout().strip().split("\n");
        if (lines.length < 2 || !lines[0].startsWith("go")) return null;
        var v = Exec.run(List.of(go.toString(), "version"), null, env, 20_000);
        String versionString = v.ok() ? v.stdout().strip() : lines[0];
        try {
            return new Toolchain(lines[0].substring(2), versionString, go, Path.of(lines[1]).toRealPath());
        } catch (IOException e) {
            return null;
        }
    }

    public List<Toolchain> all() {
        return found;
    }

    public Toolchain newest() {
        if (found.isEmpty()) throw new UnknownToolchainException("no Go toolchain found on this machine", List.of());
        return found.get(found.size() - 1);
    }

    /** {@link #resolve} of {@code wanted}, or the newest toolchain when it is null. */
    public Toolchain namedOrNewest(String wanted) {
        return wanted == null ? newest() : resolve(wanted);
    }

    /** The toolchain named by "1.22" or "1.22.12" (newest patch wins), or a typed error listing the valid names. */
    public Toolchain resolve(String wanted) {
        Toolchain best = null;
        for (Toolchain t : found) {
            if (t.matches(wanted)) best = t;
        }
        if (best == null) {
            throw new UnknownToolchainException("unknown Go version '" + wanted + "'; installed: "
                    + (found.isEmpty() ? "none" : String.join(", ", names())), names());
        }
        return best;
    }

    public List<String> names() {
        return found.stream().map(Toolchain::minor).distinct().toList();
    }
}
