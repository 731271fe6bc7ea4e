package probelab.workload;

import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go module proxy laid out on disk ({@code GOPROXY=file://DIR}, https://go.dev/ref/mod#goproxy-protocol) for the
 * third-party packages generated projects import, made from the sources Debian installs (no module proxy is reachable
 * here). One tree per set of imports under {@code var/goproxy/<hash>}, the hash of the imports, this recipe and the
 * installed golang-*-dev packages with their versions: a second call reads one dpkg-query and the manifest. Zips are
 * deterministic, so module hashes (go.sum) stay the same from run to run and machine to machine with the same packages.
 */
public final class ModuleProxy {
    /** Bump when the tree's layout or content rules change, so that every tree is made again. */
    static final String RECIPE = "1";
    private static final long TIMEOUT_MILLIS = 120_000;
    private static final String TEMP_PREFIX = ".tmp-";
    private static final Pattern SEMVER = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)(?:[+~](?:dfsg|ds|repack)\\d*)?$");
    private static final Pattern GIT_DATE = Pattern.compile("git(\\d{8})");
    private static final DateTimeFormatter PSEUDO_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Path rootDir;
    private final DebianGoSources sources;
    private final Supplier<List<Path>> goBinaries;
    private final Map<String, GoModules> made = new HashMap<>();
    private final AtomicLong tempSeq = new AtomicLong();

    /** Trees go under {@code rootDir} (var/goproxy); imports are resolved with the oldest and newest Go installed. */
    public ModuleProxy(Path rootDir) {
        this(rootDir, Path.of("/usr/share/gocode/src"), ModuleProxy::oldestAndNewestGo);
    }

    ModuleProxy(Path rootDir, Path gopathSrc, Supplier<List<Path>> goBinaries) {
        this.rootDir = rootDir.toAbsolutePath().normalize();
        this.sources = new DebianGoSources(gopathSrc);
        this.goBinaries = goBinaries;
    }

    public Path rootDir() {
        return rootDir;
    }

    /**
     * The tree serving every module that {@code imports} need, made when missing.
     *
     * @param imports import path to the Debian package that installs it (named when it is missing)
     */
    public synchronized GoModules ensure(Map<String, String> imports) {
        String key = key(imports);
        GoModules known = made.get(key);
        if (known != null && Files.isRegularFile(known.proxyDir().resolve(GoModules.MANIFEST))) return known;
        Path dir = rootDir.resolve(key);
        try {
            GoModules existing = GoModules.read(dir);
            if (existing == null) existing = make(imports, key, dir);
            made.put(key, existing);
            return existing;
        } catch (IOException e) {
            throw new GoModulesException("cannot make the module proxy " + dir + ": " + e.getMessage(), e);
        }
    }

    /** sha256 of this recipe, the imports and every installed golang-*-dev package with its version. */
    private String key(Map<String, String> imports) {
        Exec.Result r = Exec.run(List.of("dpkg-query", "-W", "-f", "${db:Status-Abbrev}\\t${Package}\\t${Version}\\n",
                "golang-*-dev"), TIMEOUT_MILLIS);
        TreeSet<String> installed = new TreeSet<>();
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("ii")) installed.add(line.substring(line.indexOf('\t') + 1));
        }
        MessageDigest md = ModuleZip.sha256();
        md.update(("recipe " + RECIPE + "\n").getBytes(StandardCharsets.UTF_8));
        for (String imp : new TreeSet<>(imports.keySet())) md.update(("import " + imp + "\n").getBytes(StandardCharsets.UTF_8));
        for (String p : installed) md.update(("deb " + p + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private GoModules make(Map<String, String> imports, String key, Path dir) throws IOException {
        Files.createDirectories(rootDir);
        // only the directory itself: walking it could meet another process's temp tree as it is deleted
        var perms = Files.getPosixFilePermissions(rootDir);
        perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(rootDir, perms);
        removeAbandonedTemps(key);
        Path temp = rootDir.resolve(TEMP_PREFIX + key + "-" + ProcessHandle.current().pid() + "-" + tempSeq.incrementAndGet());
        try {
            Files.createDirectories(temp);
            Path work = Files.createDirectories(temp.resolve(".work"));
            List<DebianGoSources.SourceModule> closure = sources.closure(List.copyOf(new TreeSet<>(imports.keySet())),
                    goBinaries.get(), imports, work);
            FileTrees.delete(work);
            GoModules modules = write(closure, temp);
            // readable by anyone: rootless engines bind-mount the tree as a mapped uid
            FileTrees.openToOthers(temp, false);
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException lostRace) {
                GoModules winner = GoModules.read(dir);
                if (winner == null) throw lostRace;
                return winner;
            }
            return new GoModules(dir, modules.modules());
        } finally {
            FileTrees.deleteBestEffort(temp);
        }
    }

    /** Writes list, info, mod and zip of every module; the manifest last, since its presence marks the tree complete. */
    private static GoModules write(List<DebianGoSources.SourceModule> closure, Path tree) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        Map<String, Map<String, Path>> filesOf = new HashMap<>();
        Map<String, List<String>> omittedOf = new HashMap<>();
        Map<String, Instant> timeOf = new HashMap<>();
        for (DebianGoSources.SourceModule m : closure) {
            List<String> omitted = new ArrayList<>();
            Map<String, Path> files = ModuleZip.files(m.dir(), m.ownedFiles()::contains, omitted);
            Instant newest = Instant.EPOCH;
            for (Path f : files.values()) {
                Instant t = Files.getLastModifiedTime(f).toInstant();
                if (t.isAfter(newest)) newest = t;
            }
            Version v = version(m.path(), m.debPackage(), m.debVersion(), newest.truncatedTo(ChronoUnit.SECONDS));
            versions.put(m.path(), v.name());
            timeOf.put(m.path(), v.time());
            filesOf.put(m.path(), files);
            omittedOf.put(m.path(), omitted);
        }
        Map<String, DebianGoSources.SourceModule> byPath = new TreeMap<>();
        for (DebianGoSources.SourceModule m : closure) byPath.put(m.path(), m);
        List<GoModules.Module> out = new ArrayList<>();
        for (DebianGoSources.SourceModule m : closure) {
            String version = versions.get(m.path());
            byte[] goMod = goMod(m, byPath, versions).getBytes(StandardCharsets.UTF_8);
            Path vdir = Files.createDirectories(tree.resolve(escape(m.path())).resolve("@v"));
            String file = escape(version);
            ModuleZip.Written zip = ModuleZip.write(vdir.resolve(file + ".zip"), m.path(), version, filesOf.get(m.path()),
                    goMod, omittedOf.get(m.path()));
            Files.write(vdir.resolve(file + ".mod"), goMod);
            Files.writeString(vdir.resolve(file + ".info"), "{\"Version\":\"" + version + "\",\"Time\":\""
                    + DateTimeFormatter.ISO_INSTANT.format(timeOf.get(m.path())) + "\"}\n", StandardCharsets.UTF_8);
            // the list names released versions only: a pseudo-version is fetched by name, never listed
            Files.writeString(vdir.resolve("list"), isPseudo(version) ? "" : version + "\n", StandardCharsets.UTF_8);
            out.add(new GoModules.Module(m.path(), version, m.direct(), m.debPackage(), m.debVersion(), zip.zipHash(),
                    zip.modHash()));
        }
        GoModules modules = new GoModules(tree, out);
        Files.writeString(tree.resolve(GoModules.MANIFEST), modules.manifest(), StandardCharsets.UTF_8);
        return modules;
    }

    /**
     * The go.mod this tree serves for {@code m}: its path, its go directive, and a require for each module its packages
     * import at this tree's version; from go 1.17 on, the whole transitive closure as tidy keeps it (graph pruning).
     */
    static String goMod(DebianGoSources.SourceModule m, Map<String, DebianGoSources.SourceModule> byPath,
                        Map<String, String> versions) {
        Set<String> direct = new TreeSet<>(m.requires());
        Set<String> all = new TreeSet<>(direct);
        boolean pruned = m.goDirective() != null && probelab.catalog.GoVersion.compare(m.goDirective(), "1.17") >= 0;
        if (pruned) {
            List<String> todo = new ArrayList<>(direct);
            while (!todo.isEmpty()) {
                for (String dep : byPath.get(todo.remove(todo.size() - 1)).requires()) {
                    if (!dep.equals(m.path()) && all.add(dep)) todo.add(dep);
                }
            }
        }
        StringBuilder out = new StringBuilder("module ").append(m.path()).append('\n');
        if (m.goDirective() != null) out.append("\ngo ").append(m.goDirective()).append('\n');
        if (!all.isEmpty()) {
            out.append("\nrequire (\n");
            for (String dep : all) {
                out.append('\t').append(dep).append(' ').append(versions.get(dep))
                        .append(direct.contains(dep) ? "" : " // indirect").append('\n');
            }
            out.append(")\n");
        }
        return out.toString();
    }

    /** A module version and the time its .info gives. */
    record Version(String name, Instant time) {
    }

    /**
     * The module version of a Debian package: {@code 1:0.7.0+dfsg-1} is {@code v0.7.0} (epoch, repack suffix and
     * Debian revision dropped) when its major fits the module path ({@code /v5} wants 5, no suffix 0 or 1); anything
     * else becomes a pseudo-version whose time is the snapshot's git date (or the tree's newest file) and whose
     * revision is a hash of the package and its version.
     */
    static Version version(String modulePath, String debPackage, String debVersion, Instant treeTime) {
        String upstream = debVersion.replaceFirst("^\\d+:", "");
        int dash = upstream.lastIndexOf('-');
        if (dash > 0) upstream = upstream.substring(0, dash);
        int pathMajor = DebianGoSources.pathMajor(modulePath);
        Matcher semver = SEMVER.matcher(upstream);
        if (semver.matches()) {
            int major = Integer.parseInt(semver.group(1));
            boolean fits = pathMajor >= 2 ? major == pathMajor : major <= 1;
            if (fits) return new Version("v" + semver.group(1) + "." + semver.group(2) + "." + semver.group(3), treeTime);
        }
        Matcher git = GIT_DATE.matcher(debVersion);
        Instant time = git.find()
                ? java.time.LocalDate.parse(git.group(1), DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay().toInstant(ZoneOffset.UTC)
                : treeTime;
        String rev = HexFormat.of().formatHex(ModuleZip.sha256().digest((debPackage + " " + debVersion)
                .getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return new Version("v" + (pathMajor >= 2 ? pathMajor : 0) + ".0.0-" + PSEUDO_TIME.format(time) + "-" + rev, time);
    }

    static boolean isPseudo(String version) {
        return version.matches("v\\d+\\.0\\.0-\\d{14}-[0-9a-f]{12}");
    }

    /** The proxy protocol's case encoding: each upper-case letter becomes '!' and its lower case. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (char c : s.toCharArray()) {
            if (c >= 'A' && c <= 'Z') out.append('!').append((char) (c + ('a' - 'A')));
            else out.append(c);
        }
        return out.toString();
    }

    /** Deletes temp trees of this key left by processes that died while making them. */
    private void removeAbandonedTemps(String key) throws IOException {
        String prefix = TEMP_PREFIX + key + "-";
        try (var ds = Files.newDirectoryStream(rootDir, prefix + "*")) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(prefix.length());
                try {
                    long pid = Long.parseLong(rest.substring(0, Math.max(0, rest.indexOf('-'))));
                    if (ProcessHandle.of(pid).isEmpty()) FileTrees.deleteBestEffort(p);
                } catch (NumberFormatException notOurs) {
                    // names we did not make stay
                }
            }
        }
    }

    /** Build constraints may differ between Go releases: the imports are listed with both ends of what is installed. */
    private static List<Path> oldestAndNewestGo() {
        List<Toolchain> all = Toolchains.discover().all();
        if (all.isEmpty()) throw new GoModulesException("no Go toolchain found to list the imports of Debian's Go sources");
        return List.copyOf(new java.util.LinkedHashSet<>(List.of(all.get(0).goBinary(), all.get(all.size() - 1).goBinary())));
    }
}
