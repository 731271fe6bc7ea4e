package probelab.workload;

import probelab.process.FileTrees;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Generates Go projects deterministically, once per (size, generator version), and reuses them. */
public final class WorkloadGenerator {

    /** Bump whenever the generated output changes, so stale cached projects are not reused. */
    public static final String VERSION = "3"; // 3: every main serves over HTTP with -http ADDR (the dev loop); 2: small and up import chi (medium and up gin) through a ModuleProxy

    /** Written last into each generated project; its presence marks the project as complete. */
    public static final String MANIFEST = "probelab-workload.properties";

    private static final String TEMP_PREFIX = ".tmp-";
    private static final AtomicLong TEMP_SEQ = new AtomicLong();
    private static final Pattern EDIT_LITERAL =
            Pattern.compile("(?m)^([ \\t]*revision := )\\d+( " + Pattern.quote(GoSources.EDIT_MARKER) + ")");

    /** Where {@link #bundleGoProxy} puts the module proxy inside a project: a dot directory, which {@code ./...} skips. */
    public static final String BUNDLED_GOPROXY = ".goproxy";

    private final Path cacheDir;
    private final ModuleProxy moduleProxy;

    /** Projects under {@code cacheDir} (var/workloads), their module proxy trees beside it (var/goproxy). */
    public WorkloadGenerator(Path cacheDir) {
        this(cacheDir, new ModuleProxy(cacheDir.toAbsolutePath().normalize().resolveSibling("goproxy")));
    }

    public WorkloadGenerator(Path cacheDir, ModuleProxy moduleProxy) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.moduleProxy = Objects.requireNonNull(moduleProxy, "moduleProxy");
    }

    /**
     * Returns the cached project for size, generating it first if needed. Generation happens in a temp directory
     * that is renamed into place, so a killed run never leaves a half project behind and concurrent callers
     * (even in other processes) end up sharing one complete copy.
     */
    public synchronized Workload ensure(ProjectSize size) {
        Objects.requireNonNull(size, "size");
        Map<String, String> imports = ThirdPartyImports.of(size);
        GoModules modules = imports.isEmpty() ? null : moduleProxy.ensure(imports);
        // the project's go.mod and go.sum pin that tree's versions and hashes: another tree, another project
        String name = size.id() + "-v" + VERSION + (modules == null ? "" : "-" + modules.proxyDir().getFileName());
        Path dir = cacheDir.resolve(name);
        try {
            Workload cached = readManifest(size, dir);
            if (cached != null) {
                return cached;
            }
            Files.createDirectories(cacheDir);
            removeAbandonedTemps(name);
            if (Files.exists(dir)) {
                // Another process may have renamed its finished copy into place since the first look.
                cached = readManifest(size, dir);
                if (cached != null) {
                    return cached;
                }
                // Still no readable manifest means someone tampered with the cache; rebuild rather than trust it.
                Path trash = tempDir(name);
                Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
                FileTrees.delete(trash);
            }
            Path temp = tempDir(name);
            try {
                write(GoProjectPlan.of(size), modules, temp);
                try {
                    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException lostRace) {
                    Workload winner = readManifest(size, dir);
                    if (winner == null) {
                        throw lostRace;
                    }
                    return winner;
                }
            } finally {
                FileTrees.delete(temp);
            }
            Workload generated = readManifest(size, dir);
            if (generated == null) {
                throw new IllegalStateException("generated workload has no valid manifest: " + dir);
            }
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate workload " + name + " in " + cacheDir, e);
        }
    }

    /**
     * Copies the project to target (which must be absent or empty) because builds and edits modify files, and
     * returns the same workload rooted there.
     */
    public Workload copyTo(Workload w, Path target) {
        Path source = w.dir().toAbsolutePath().normalize();
        Path dest = target.toAbsolutePath().normalize();
        if (dest.startsWith(source)) {
            throw new IllegalArgumentException("target " + dest + " is inside the workload " + source);
        }
        try {
            if (Files.isDirectory(dest)) {
                try (Stream<Path> entries = Files.list(dest)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("target directory is not empty: " + dest);
                    }
                }
            }
            Files.createDirectories(dest);
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(dest.resolve(source.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.copy(f, dest.resolve(source.relativize(f).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy workload " + source + " to " + dest, e);
        }
        Path editFile = dest.resolve(source.relativize(w.editFile().toAbsolutePath().normalize()).toString());
        return new Workload(w.size(), w.generatorVersion(), dest, w.modules(), w.packages(), w.files(), w.lines(),
                w.buildTargets(), editFile, w.serveTarget(), w.goProxy(), w.goModules());
    }

    /**
     * Copies the workload's module proxy into its directory ({@link #BUNDLED_GOPROXY}), for a build that sees nothing
     * but the project, e.g. an image build's context; returns the copy. Meant for a copy, never for the shared cache.
     */
    public Path bundleGoProxy(Workload w) {
        if (!w.usesModules()) throw new IllegalArgumentException(w.size() + " requires no third-party modules");
        Path target = w.dir().resolve(BUNDLED_GOPROXY);
        try {
            Files.walkFileTree(w.goProxy(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(w.goProxy().relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.copy(f, target.resolve(w.goProxy().relativize(f).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the module proxy " + w.goProxy() + " into " + target, e);
        }
        return target;
    }

    /**
     * The module proxy tree a project directory (a generated one or a copy) builds with, from its manifest; empty for a
     * project on the standard library alone, or a directory probelab did not generate.
     */
    public static Optional<Path> goProxyOf(Path projectDir) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(projectDir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        String dir = props.getProperty("goProxy", "").strip();
        return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /**
     * Rewrites the int literal marked {@code // probelab:edit} in a function body of editFile to n + 1, so every
     * n >= 0 yields a distinct file that also differs from the generated one (which holds 0). Meant for a copy,
     * never for the shared cache.
     */
    public void applyEdit(Workload w, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("edit number must be >= 0, got " + n);
        }
        Path file = w.editFile();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = EDIT_LITERAL.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no '" + GoSources.EDIT_MARKER + "' literal in " + file);
            }
            int start = m.start();
            String edited = m.replaceFirst("$1" + ((long) n + 1) + "$2");
            if (m.find(start + 1)) {
                throw new IllegalStateException("more than one edit literal in " + file);
            }
            Files.writeString(file, edited, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + file, e);
        }
    }

    private static void write(GoProjectPlan plan, GoModules goModules, Path root) throws IOException {
        Map<String, String> files = GoSources.render(plan, goModules);
        Set<Path> madeDirs = new HashSet<>();
        Set<String> packageDirs = new HashSet<>();
        int modules = 0;
        int goFiles = 0;
        long lines = 0;
        for (Map.Entry<String, String> entry : files.entrySet()) {
            String rel = entry.getKey();
            String content = entry.getValue();
            Path file = root.resolve(rel);
            if (madeDirs.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            if (rel.equals("go.mod") || rel.endsWith("/go.mod")) {
                modules++;
            }
            if (rel.endsWith(".go")) {
                goFiles++;
                lines += content.chars().filter(c -> c == '\n').count();
                int slash = rel.lastIndexOf('/');
                packageDirs.add(slash < 0 ? "" : rel.substring(0, slash));
            }
        }
        String editFile = editFile(plan);
        if (!files.containsKey(editFile)) {
            throw new IllegalStateException("edit file was not generated: " + editFile);
        }
        StringBuilder manifest = new StringBuilder();
        manifest.append("# Written by probelab.workload.WorkloadGenerator; counts describe the .go files here.\n");
        manifest.append("size=").append(plan.size.id()).append('\n');
        manifest.append("generatorVersion=").append(VERSION).append('\n');
        manifest.append("modules=").append(modules).append('\n');
        manifest.append("packages=").append(packageDirs.size()).append('\n');
        manifest.append("files=").append(goFiles).append('\n');
        manifest.append("lines=").append(lines).append('\n');
        manifest.append("buildTargets=").append(String.join(" ", buildTargets(plan))).append('\n');
        manifest.append("editFile=").append(editFile).append('\n');
        manifest.append("serveTarget=").append(serveTarget(plan)).append('\n');
        if (goModules != null) {
            // where the builds fetch the modules from, and what they are: Debian's sources, named by package and version
            manifest.append("goProxy=").append(escape(goModules.proxyDir().toString())).append('\n');
            manifest.append("goModules=").append(escape(String.join(", ", goModules.describe()))).append('\n');
        }
        Files.writeString(root.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
    }

    /**
     * A go.work root is not a module, and Go 1.19 refuses {@code ./...} there, so workspaces list one
     * import-path pattern per module; that form works from 1.19 through 1.23.
     */
    private static List<String> buildTargets(GoProjectPlan plan) {
        if (plan.modules.size() <= 1) {
            return List.of("./...");
        }
        List<String> targets = new ArrayList<>();
        for (GoProjectPlan.Module module : plan.modules) {
            targets.add(module.path() + "/...");
        }
        return targets;
    }

    /**
     * The command whose answer shows an edit: tiny's main, else the command of the edited package's module (the first
     * command when that module has none), as an import path so that it works from a go.work root too.
     */
    private static String serveTarget(GoProjectPlan plan) {
        if (plan.size == ProjectSize.TINY) return ".";
        GoProjectPlan.Module edited = plan.modules.stream()
                .filter(m -> m.packages().contains(plan.editTarget())).findFirst().orElse(plan.modules.get(0));
        GoProjectPlan.Module served = edited.hasCommand() ? edited
                : plan.modules.stream().filter(GoProjectPlan.Module::hasCommand).findFirst().orElse(edited);
        return served.path() + "/cmd/" + served.commandName();
    }

    private static String editFile(GoProjectPlan plan) {
        return plan.size == ProjectSize.TINY ? "main.go" : plan.editTarget().dir() + "/compose.go";
    }

    /** Returns null when dir holds no complete project of this size and version. */
    private static Workload readManifest(ProjectSize size, Path dir) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!size.id().equals(props.getProperty("size")) || !VERSION.equals(props.getProperty("generatorVersion"))) {
            return null;
        }
        try {
            Path editFile = dir.resolve(props.getProperty("editFile", ""));
            String targets = props.getProperty("buildTargets", "").strip();
            String serve = props.getProperty("serveTarget", "").strip();
            if (!Files.isRegularFile(editFile) || targets.isEmpty() || serve.isEmpty()) {
                return null;
            }
            String proxy = props.getProperty("goProxy", "").strip();
            if (!proxy.isEmpty() && !Files.isRegularFile(Path.of(proxy).resolve(GoModules.MANIFEST))) {
                return null;
            }
            String modules = props.getProperty("goModules", "").strip();
            return new Workload(size, VERSION, dir, intProp(props, "modules"), intProp(props, "packages"),
                    intProp(props, "files"), intProp(props, "lines"), List.of(targets.split(" +")), editFile, serve,
                    proxy.isEmpty() ? null : Path.of(proxy), modules.isEmpty() ? List.of() : List.of(modules.split(", ")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A properties value: backslashes doubled, so that paths and lists read back as written. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private static int intProp(Properties props, String key) {
        return Integer.parseInt(props.getProperty(key, "").strip());
    }

    private Path tempDir(String name) {
        return cacheDir.resolve(TEMP_PREFIX + name + "-" + ProcessHandle.current().pid() + "-" + TEMP_SEQ.incrementAndGet());
    }

    /** Deletes temp directories of this project left by processes that died mid-generation. */
    private void removeAbandonedTemps(String name) throws IOException {
        String prefix = TEMP_PREFIX + name + "-";
        List<Path> abandoned = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cacheDir, prefix + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        abandoned.add(entry);
                    }
                } catch (NumberFormatException notOurs) {
                    // Leave names we did not create alone.
                }
            }
        }
        for (Path entry : abandoned) {
            FileTrees.delete(entry);
        }
    }

}
