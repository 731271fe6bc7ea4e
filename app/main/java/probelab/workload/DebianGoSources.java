package probelab.workload;

import probelab.process.Exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go library sources Debian installs under {@code /usr/share/gocode/src} (its {@code golang-*-dev} packages): which
 * modules a set of imports needs, transitively, and which Debian package and version each comes from.
 *
 * <p>The import graph comes from {@code go list -deps} in GOPATH mode, the way Debian builds against these trees, so
 * build constraints are the go command's own (linux, the machine's architecture, no cgo, as probelab's builds). A
 * package belongs to the module of the nearest go.mod above it; a tree without one is a module named after its
 * directory, as far up as its Debian package's files go.
 */
final class DebianGoSources {
    private static final long TIMEOUT_MILLIS = 120_000;
    private static final Pattern MODULE_LINE = Pattern.compile("(?m)^module\\s+\"?([^\"\\s]+)\"?\\s*$");
    private static final Pattern GO_LINE = Pattern.compile("(?m)^go\\s+(\\d+\\.\\d+(?:\\.\\d+)?)\\s*$");
    private static final Pattern MAJOR_SUFFIX = Pattern.compile("^.*/v([2-9]|[1-9][0-9]+)$");
    private static final Pattern GOPKG_SUFFIX = Pattern.compile("^gopkg\\.in/.*\\.v(\\d+)(-unstable)?$");

    private final Path gopathSrc;
    /** dpkg's file list per package, read once per closure. */
    private final Map<String, Set<Path>> ownedCache = new HashMap<>();

    /** One module of the closure as Debian has it; {@code requires} are the module paths its packages import. */
    record SourceModule(String path, Path dir, String goDirective, String debPackage, String debVersion,
                        Set<String> requires, boolean direct, Set<Path> ownedFiles) {
    }

    /** @param gopathSrc the {@code src} directory of Debian's GOPATH, {@code /usr/share/gocode/src} */
    DebianGoSources(Path gopathSrc) {
        this.gopathSrc = gopathSrc;
    }

    Path gopathSrc() {
        return gopathSrc;
    }

    /**
     * The modules that {@code imports} need, the modules that provide them first ({@code direct}), then the rest by path.
     *
     * @param goBinaries toolchains whose build constraints count: the union of what each lists is taken
     * @param hints      Debian package to name per import path when it is not installed
     */
    List<SourceModule> closure(List<String> imports, List<Path> goBinaries, Map<String, String> hints, Path tempDir)
            throws GoModulesException {
        List<String> gopathPaths = new ArrayList<>();
        for (String imp : imports) gopathPaths.add(gopathPathOf(imp, hints));
        // dir -> the GOPATH import paths of what it imports (resolved: chi's v5 imports read github.com/go-chi/chi)
        Map<Path, Set<String>> packages = new TreeMap<>();
        Map<String, Path> dirOf = new HashMap<>();
        for (Path go : goBinaries) listDeps(go, gopathPaths, tempDir, packages, dirOf);

        Map<Path, Path> moduleRootOf = new HashMap<>();
        Map<Path, String> pathOfRoot = new TreeMap<>();
        for (Path dir : packages.keySet()) {
            Path root = moduleRoot(dir);
            moduleRootOf.put(dir, root);
            pathOfRoot.computeIfAbsent(root, this::modulePathOf);
        }
        Map<Path, String> ownerOf = debianOwners(pathOfRoot.keySet());
        Map<String, String> versions = debianVersions(new TreeSet<>(ownerOf.values()));

        Map<Path, Set<String>> requires = new HashMap<>();
        for (Map.Entry<Path, Set<String>> pkg : packages.entrySet()) {
            Path root = moduleRootOf.get(pkg.getKey());
            for (String imp : pkg.getValue()) {
                Path dep = dirOf.get(imp);
                if (dep == null) {
                    if (isStandard(imp)) continue;
                    throw new GoModulesException(pkg.getKey() + " imports " + imp + ", which go list did not list");
                }
                Path depRoot = moduleRootOf.get(dep);
                if (!depRoot.equals(root)) requires.computeIfAbsent(root, k -> new TreeSet<>()).add(pathOfRoot.get(depRoot));
            }
        }
        Set<String> directPaths = new TreeSet<>();
        for (String imp : imports) directPaths.add(providerOf(imp, pathOfRoot.values()));

        List<SourceModule> direct = new ArrayList<>();
        List<SourceModule> indirect = new ArrayList<>();
        Map<String, Path> byPath = new TreeMap<>();
        pathOfRoot.forEach((root, path) -> byPath.put(path, root));
        for (Map.Entry<String, Path> m : byPath.entrySet()) {
            Path root = m.getValue();
            String owner = ownerOf.get(root);
            SourceModule sm = new SourceModule(m.getKey(), root, goDirectiveOf(root), owner, versions.get(owner),
                    Set.copyOf(requires.getOrDefault(root, Set.of())), directPaths.contains(m.getKey()), ownedFiles(owner));
            (sm.direct() ? direct : indirect).add(sm);
        }
        direct.addAll(indirect);
        return direct;
    }

    /**
     * The GOPATH import path of {@code imp}: its own directory, or, for a {@code /vN} path whose tree Debian keeps
     * without that element (chi's v5 lives in github.com/go-chi/chi), the directory without it, as GOPATH mode's
     * minimal module compatibility resolves it.
     */
    private String gopathPathOf(String imp, Map<String, String> hints) throws GoModulesException {
        if (Files.isDirectory(gopathSrc.resolve(imp))) return imp;
        String[] parts = imp.split("/");
        for (int i = parts.length - 1; i > 0; i--) {
            if (!parts[i].matches("v([2-9]|[1-9][0-9]+)")) continue;
            List<String> without = new ArrayList<>(List.of(parts));
            without.remove(i);
            String candidate = String.join("/", without);
            if (Files.isDirectory(gopathSrc.resolve(candidate))) return candidate;
        }
        String pkg = hints.get(imp);
        throw new GoModulesException("the Go package " + imp + " is not installed under " + gopathSrc
                + (pkg == null ? "" : ": apt-get install " + pkg + " (./probelab setup installs it)"));
    }

    private void listDeps(Path go, List<String> gopathPaths, Path tempDir, Map<Path, Set<String>> packages,
                          Map<String, Path> dirOf) throws GoModulesException {
        List<String> cmd = new ArrayList<>(List.of(go.toString(), "list", "-deps", "-f",
                "{{if not .Standard}}{{.ImportPath}}\t{{.Dir}}\t{{join .Imports \" \"}}{{end}}"));
        cmd.addAll(gopathPaths);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GO111MODULE", "off");
        env.put("GOPATH", gopathSrc.getParent().toString());
        env.put("GOFLAGS", "");
        env.put("GOTOOLCHAIN", "local");
        env.put("CGO_ENABLED", "0");
        env.put("GOCACHE", tempDir.resolve("gocache").toString());
        env.put("HOME", tempDir.toString());
        env.put("GOROOT", go.getParent().getParent().toString());
        Exec.Result r = Exec.run(cmd, tempDir, env, TIMEOUT_MILLIS);
        if (!r.ok()) throw new GoModulesException("go list of Debian's Go sources failed: " + r.reason());
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) continue;
            String[] cols = line.split("\t", 3);
            if (cols.length < 2) throw new GoModulesException("go list printed an unexpected line: " + line);
            Path dir = Path.of(cols[1]);
            dirOf.put(cols[0], dir);
            Set<String> imports = packages.computeIfAbsent(dir, k -> new TreeSet<>());
            if (cols.length > 2 && !cols[2].isBlank()) imports.addAll(List.of(cols[2].trim().split(" ")));
        }
    }

    /** The nearest directory at or above {@code dir} with a go.mod; without one, the top of its package's tree. */
    private Path moduleRoot(Path dir) throws GoModulesException {
        for (Path d = dir; d != null && d.startsWith(gopathSrc) && !d.equals(gopathSrc); d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("go.mod"))) return d;
        }
        String owner = ownerOfFile(anyGoFile(dir));
        Path top = null;
        for (Path f : ownedFiles(owner)) {
            if (!f.startsWith(gopathSrc) || !f.toString().endsWith(".go")) continue;
            top = top == null ? f.getParent() : commonAncestor(top, f.getParent());
        }
        if (top == null || top.equals(gopathSrc)) throw new GoModulesException("cannot tell the module of " + dir);
        return top;
    }

    private String modulePathOf(Path root) {
        Path goMod = root.resolve("go.mod");
        if (Files.isRegularFile(goMod)) {
            Matcher m = MODULE_LINE.matcher(read(goMod));
            if (m.find()) return m.group(1);
        }
        // Debian's tree has no go.mod: the module is named after where it lives, as GOPATH mode imports it
        return gopathSrc.relativize(root).toString().replace('\\', '/');
    }

    private String goDirectiveOf(Path root) {
        Path goMod = root.resolve("go.mod");
        if (!Files.isRegularFile(goMod)) return null;
        Matcher m = GO_LINE.matcher(read(goMod));
        return m.find() ? m.group(1) : null;
    }

    /** The module path that provides {@code imp}: the longest one that is {@code imp} or a path prefix of it. */
    static String providerOf(String imp, java.util.Collection<String> modulePaths) {
        String best = null;
        for (String mp : modulePaths) {
            if ((imp.equals(mp) || imp.startsWith(mp + "/")) && (best == null || mp.length() > best.length())) best = mp;
        }
        return best;
    }

    /** Standard library paths have no dot in their first element. */
    static boolean isStandard(String imp) {
        int slash = imp.indexOf('/');
        return !(slash < 0 ? imp : imp.substring(0, slash)).contains(".");
    }

    /** The major version a module path's suffix names ({@code /v5}, gopkg.in's {@code .v2}), or 0 when it has none. */
    static int pathMajor(String modulePath) {
        Matcher m = MAJOR_SUFFIX.matcher(modulePath);
        if (m.matches()) return Integer.parseInt(m.group(1));
        Matcher gopkg = GOPKG_SUFFIX.matcher(modulePath);
        return gopkg.matches() ? Integer.parseInt(gopkg.group(1)) : 0;
    }

    private Map<Path, String> debianOwners(Set<Path> roots) throws GoModulesException {
        Map<Path, String> owners = new HashMap<>();
        for (Path root : roots) {
            Path probe = Files.isRegularFile(root.resolve("go.mod")) ? root.resolve("go.mod") : anyGoFile(root);
            owners.put(root, ownerOfFile(probe));
        }
        return owners;
    }

    private static String ownerOfFile(Path file) throws GoModulesException {
        Exec.Result r = Exec.run(List.of("dpkg-query", "-S", file.toString()), TIMEOUT_MILLIS);
        if (!r.ok()) throw new GoModulesException("no Debian package owns " + file + ": " + r.reason());
        for (String line : r.stdout().split("\n")) {
            int colon = line.indexOf(": ");
            if (line.startsWith("diversion ") || colon < 0) continue;
            // several packages may share a directory, never a file
            return line.substring(0, colon).split(",")[0].strip().replaceFirst(":[a-z0-9]+$", "");
        }
        throw new GoModulesException("no Debian package owns " + file);
    }

    private static Map<String, String> debianVersions(Set<String> packages) throws GoModulesException {
        List<String> cmd = new ArrayList<>(List.of("dpkg-query", "-W", "-f", "${Package}\\t${Version}\\n"));
        cmd.addAll(packages);
        Exec.Result r = Exec.run(cmd, TIMEOUT_MILLIS);
        if (!r.ok()) throw new GoModulesException("cannot read Debian package versions: " + r.reason());
        Map<String, String> out = new TreeMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length == 2) out.put(cols[0].strip(), cols[1].strip());
        }
        for (String p : packages) {
            if (!out.containsKey(p)) throw new GoModulesException("dpkg-query printed no version of " + p);
        }
        return out;
    }

    /** The regular files a Debian package installed (dpkg's list also names its directories). */
    private Set<Path> ownedFiles(String debPackage) throws GoModulesException {
        Set<Path> cached = ownedCache.get(debPackage);
        if (cached != null) return cached;
        Exec.Result r = Exec.run(List.of("dpkg-query", "-L", debPackage), TIMEOUT_MILLIS);
        if (!r.ok()) throw new GoModulesException("cannot list the files of " + debPackage + ": " + r.reason());
        Set<Path> files = new java.util.HashSet<>();
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("/")) files.add(Path.of(line.strip()));
        }
        Set<Path> out = Set.copyOf(files);
        ownedCache.put(debPackage, out);
        return out;
    }

    private static Path anyGoFile(Path dir) throws GoModulesException {
        try (var ds = Files.list(dir)) {
            return ds.filter(p -> p.toString().endsWith(".go")).sorted().findFirst()
                    .orElseThrow(() -> new GoModulesException("no Go file in " + dir));
        } catch (IOException e) {
            throw new GoModulesException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static Path commonAncestor(Path a, Path b) {
        Path p = a;
        while (p != null && !b.startsWith(p)) p = p.getParent();
        return p;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GoModulesException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
