package probelab.workload;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.TestEnv;
import probelab.catalog.GoVersion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.NATIVE_GO)
class WorkloadGeneratorTest {

    // Generating all five sizes takes about a second; the read-only tests share one cache.
    @TempDir
    static Path sharedCache;

    private static final Map<ProjectSize, Workload> ALL = new EnumMap<>(ProjectSize.class);

    private static final long GO_TIMEOUT_MINUTES = 10;

    @BeforeAll
    static void generateEverySize() {
        ModuleProxyTest.requireInstalled(ThirdPartyImports.of(ProjectSize.LARGE));
        WorkloadGenerator generator = generator(sharedCache);
        for (ProjectSize size : ProjectSize.values()) {
            ALL.put(size, generator.ensure(size));
        }
    }

    @Test
    void tiny_and_small_with_its_modules_build_and_vet_with_the_oldest_and_the_newest_go(@TempDir Path scratch) {
        List<Path> toolchains = installedToolchains();
        // the ends of the range (1.19 and the newest): each toolchain compiles net/http cold on a fresh machine (~15 s),
        // and what the generator writes either needs a newer language version than 1.19 or does not
        List<Path> gos = List.copyOf(new java.util.LinkedHashSet<>(List.of(toolchains.get(0), toolchains.get(toolchains.size() - 1))));
        for (ProjectSize size : List.of(ProjectSize.TINY, ProjectSize.SMALL)) {
            for (Path go : gos) {
                // Builds in a copy because `go build` may drop a binary next to the sources.
                String version = go.getParent().getParent().getFileName().toString();
                Workload copy = generator(scratch).copyTo(ALL.get(size),
                        scratch.resolve(size.id() + "-" + version));
                runGo(go, copy, "build");
                runGo(go, copy, "vet");
            }
        }
        // The tiny project's own tests pin its output, so they prove the code runs, not only compiles.
        Workload tiny = generator(scratch).copyTo(ALL.get(ProjectSize.TINY), scratch.resolve("tiny-test"));
        runGo(toolchains.get(toolchains.size() - 1), tiny, "test");
    }

    @Test
    void generation_is_deterministic(@TempDir Path second) throws IOException {
        // The shared cache is the first generation; a fresh generator into another directory is the second.
        WorkloadGenerator again = generator(second);
        for (ProjectSize size : ProjectSize.values()) {
            Workload left = ALL.get(size);
            Workload right = again.ensure(size);
            assertNotEquals(left.dir(), right.dir());
            Map<String, Path> leftFiles = filesUnder(left.dir());
            Map<String, Path> rightFiles = filesUnder(right.dir());
            assertEquals(leftFiles.keySet(), rightFiles.keySet(), size + ": different file lists");
            for (String rel : leftFiles.keySet()) {
                assertEquals(-1L, Files.mismatch(leftFiles.get(rel), rightFiles.get(rel)), size + ": " + rel + " differs");
            }
            assertEquals(left.dir().relativize(left.editFile()), right.dir().relativize(right.editFile()));
        }
    }

    @Test
    void counts_match_the_files_on_disk() throws IOException {
        for (Workload w : ALL.values()) {
            int modules = 0;
            int goFiles = 0;
            long lines = 0;
            Set<Path> packageDirs = new HashSet<>();
            for (Path file : filesUnder(w.dir()).values()) {
                String name = file.getFileName().toString();
                if (name.equals("go.mod")) {
                    modules++;
                } else if (name.endsWith(".go")) {
                    goFiles++;
                    lines += Files.readString(file).chars().filter(c -> c == '\n').count();
                    packageDirs.add(file.getParent());
                }
            }
            assertEquals(modules, w.modules(), w.size() + " modules");
            assertEquals(packageDirs.size(), w.packages(), w.size() + " packages");
            assertEquals(goFiles, w.files(), w.size() + " files");
            assertEquals(lines, w.lines(), w.size() + " lines");
            assertTrue(w.editFile().startsWith(w.dir()) && Files.isRegularFile(w.editFile()), w.size() + " edit file");
            assertEquals(WorkloadGenerator.VERSION, w.generatorVersion());
        }
        Workload mono = ALL.get(ProjectSize.MONOREPO);
        String work = Files.readString(mono.dir().resolve("go.work"));
        assertEquals(mono.modules(), mono.buildTargets().size(), "one build pattern per workspace module");
        for (String target : mono.buildTargets()) {
            String moduleDir = target.replaceFirst("^example\\.com/mono/", "").replaceFirst("/\\.\\.\\.$", "");
            assertTrue(work.contains("./" + moduleDir + "\n"), "go.work uses " + moduleDir);
        }
    }

    @Test
    void every_package_has_a_test_and_imports_only_lower_numbered_packages() throws IOException {
        Pattern localImport = Pattern.compile("\"example\\.com/[^\"]*/pkg/[a-z]+(\\d+)\"");
        for (ProjectSize size : List.of(ProjectSize.LARGE, ProjectSize.MONOREPO)) {
            Map<Path, List<Path>> byDir = filesUnder(ALL.get(size).dir()).values().stream()
                    .filter(f -> f.toString().endsWith(".go"))
                    .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.toList()));
            int edges = 0;
            for (Map.Entry<Path, List<Path>> pkg : byDir.entrySet()) {
                assertTrue(pkg.getValue().stream().anyMatch(f -> f.toString().endsWith("_test.go")),
                        "no test in " + pkg.getKey());
                String dirName = pkg.getKey().getFileName().toString();
                if (!dirName.matches("[a-z]+\\d+")) {
                    continue;
                }
                int own = Integer.parseInt(dirName.replaceAll("^[a-z]+", ""));
                Matcher m = localImport.matcher(Files.readString(pkg.getKey().resolve("compose.go")));
                while (m.find()) {
                    edges++;
                    assertTrue(Integer.parseInt(m.group(1)) < own, dirName + " imports " + m.group());
                }
            }
            assertTrue(edges > byDir.size(), size + ": expected a connected import graph, got " + edges + " edges");
        }
    }

    @Test
    void sizes_are_ordered_and_near_their_targets() {
        assertWithin(ProjectSize.TINY, 120, 300, 1, 1);
        assertWithin(ProjectSize.SMALL, 4_000, 6_500, 15, 25);
        assertWithin(ProjectSize.MEDIUM, 30_000, 50_000, 100, 140);
        assertWithin(ProjectSize.LARGE, 120_000, 180_000, 350, 450);
        assertWithin(ProjectSize.MONOREPO, 200_000, 300_000, 450, 800);
        assertTrue(ALL.get(ProjectSize.MONOREPO).modules() >= 6, "monorepo needs at least 6 modules");
        for (ProjectSize size : ProjectSize.values()) {
            if (size.ordinal() > 0) {
                ProjectSize smaller = ProjectSize.values()[size.ordinal() - 1];
                assertTrue(ALL.get(size).lines() > ALL.get(smaller).lines(), size + " is not larger than " + smaller);
            }
        }
    }

    @Test
    void incremental_edit_changes_one_file_and_still_builds(@TempDir Path scratch) throws IOException {
        WorkloadGenerator generator = generator(sharedCache);
        Workload cached = ALL.get(ProjectSize.SMALL);
        String cachedEditFile = Files.readString(cached.editFile());
        Workload copy = generator.copyTo(cached, scratch.resolve("small"));
        Map<String, String> before = contents(copy.dir());

        generator.applyEdit(copy, 0);
        Map<String, String> afterFirst = contents(copy.dir());
        String editRel = copy.dir().relativize(copy.editFile()).toString();
        assertEquals(Set.of(editRel), changedFiles(before, afterFirst), "edit 0 must touch only the edit file");

        generator.applyEdit(copy, 1);
        Map<String, String> afterSecond = contents(copy.dir());
        assertEquals(Set.of(editRel), changedFiles(afterFirst, afterSecond), "edit 1 must differ from edit 0");
        assertEquals(cachedEditFile, Files.readString(cached.editFile()), "the shared cache must stay untouched");

        Workload other = generator.copyTo(cached, scratch.resolve("again"));
        generator.applyEdit(other, 1);
        assertEquals(afterSecond.get(editRel), Files.readString(other.editFile()), "edits are deterministic");

        List<Path> toolchains = installedToolchains();
        runGo(toolchains.get(0), copy, "build");
        runGo(toolchains.get(toolchains.size() - 1), copy, "build");
    }

    @Test
    void a_second_ensure_reuses_the_project_and_an_interrupted_one_is_redone(@TempDir Path cache) throws IOException {
        WorkloadGenerator generator = generator(cache);
        Workload first = generator.ensure(ProjectSize.SMALL);
        Path sentinel = first.dir().resolve("sentinel.txt");
        Files.writeString(sentinel, "kept if the project is reused");
        assertEquals(first, generator(cache).ensure(ProjectSize.SMALL));
        assertTrue(Files.exists(sentinel), "reuse must not regenerate");

        // What a killed run leaves: a temp dir owned by a dead process, and a project dir without its manifest.
        Path abandoned = cache.resolve(".tmp-tiny-v" + WorkloadGenerator.VERSION + "-" + Integer.MAX_VALUE + "-1");
        Files.createDirectories(abandoned.resolve("pkg"));
        Path half = cache.resolve("tiny-v" + WorkloadGenerator.VERSION);
        Files.createDirectories(half);
        Files.writeString(half.resolve("main.go"), "package main\n");
        Workload tiny = generator.ensure(ProjectSize.TINY);
        assertFalse(Files.exists(abandoned), "abandoned temp dir must be removed");
        assertTrue(Files.exists(tiny.dir().resolve(WorkloadGenerator.MANIFEST)));
        assertEquals(filesUnder(ALL.get(ProjectSize.TINY).dir()).keySet(), filesUnder(tiny.dir()).keySet());
    }

    @Test
    void unknown_size_is_refused_with_the_valid_names() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectSize.parse("huge"));
        assertEquals("unknown size 'huge'; valid: tiny, small, medium, large, monorepo", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProjectSize.parse(null));
        assertEquals(ProjectSize.MONOREPO, ProjectSize.parse("monorepo"));
        assertEquals(List.of("tiny", "small", "medium", "large", "monorepo"), ProjectSize.ids());
        assertThrows(IllegalArgumentException.class, () -> generator(sharedCache)
                .applyEdit(ALL.get(ProjectSize.TINY), -1));
    }

    @Test
    void projects_from_small_on_pin_the_proxy_modules_they_import_and_tiny_imports_none() throws IOException {
        Workload tiny = ALL.get(ProjectSize.TINY);
        assertFalse(tiny.usesModules());
        assertFalse(Files.readString(tiny.dir().resolve("go.mod")).contains("require"));
        assertFalse(Files.exists(tiny.dir().resolve("go.sum")));
        for (ProjectSize size : List.of(ProjectSize.SMALL, ProjectSize.MEDIUM, ProjectSize.MONOREPO)) {
            Workload w = ALL.get(size);
            assertTrue(w.usesModules(), size + " uses modules");
            GoModules modules = ModuleProxyTest.sharedProxy().ensure(ThirdPartyImports.of(size));
            assertEquals(modules.proxyDir(), w.goProxy());
            assertEquals(modules.describe(), w.goModules());
            assertTrue(w.goModules().stream().anyMatch(m -> m.startsWith("github.com/go-chi/chi/v5@v5.")
                    && m.contains("(golang-github-go-chi-chi-dev ")), w.goModules().toString());
            assertEquals(Optional.of(w.goProxy()), WorkloadGenerator.goProxyOf(w.dir()));
            String manifest = Files.readString(w.dir().resolve(WorkloadGenerator.MANIFEST));
            assertTrue(manifest.contains("goModules=github.com/"), manifest);
            for (Path goMod : filesUnder(w.dir()).values().stream().filter(f -> f.endsWith("go.mod")).toList()) {
                String text = Files.readString(goMod);
                for (GoModules.Module m : modules.modules()) {
                    assertTrue(text.contains("\t" + m.path() + " " + m.version()), goMod + " requires " + m.path());
                }
                String sum = Files.readString(goMod.resolveSibling("go.sum"));
                for (GoModules.Module m : modules.modules()) {
                    assertTrue(sum.contains(m.path() + " " + m.version() + " " + m.zipHash() + "\n"), goMod + ": go.sum");
                }
            }
            // used for real: handlers in the packages, a router in the command
            Map<String, Path> files = filesUnder(w.dir());
            assertTrue(files.keySet().stream().anyMatch(f -> f.endsWith("/http.go")), size + " has chi handlers");
            assertTrue(files.keySet().stream().anyMatch(f -> f.endsWith("/server.go")), size + " has a router");
            boolean gin = size != ProjectSize.SMALL;
            assertEquals(gin, files.keySet().stream().anyMatch(f -> f.endsWith("/gin.go")), size + " gin handlers");
        }
    }

    /** Generators share the suite's module proxy (var/goproxy), as jobs do; their projects go where each test says. */
    private static WorkloadGenerator generator(Path cache) {
        return new WorkloadGenerator(cache, ModuleProxyTest.sharedProxy());
    }

    private static void assertWithin(ProjectSize size, int minLines, int maxLines, int minPackages, int maxPackages) {
        Workload w = ALL.get(size);
        assertTrue(w.lines() >= minLines && w.lines() <= maxLines,
                size + ": " + w.lines() + " lines, want " + minLines + ".." + maxLines);
        assertTrue(w.packages() >= minPackages && w.packages() <= maxPackages,
                size + ": " + w.packages() + " packages, want " + minPackages + ".." + maxPackages);
    }

    /** Installed toolchains, oldest first; on CI a machine without Go is a setup error, elsewhere a skip. */
    private static List<Path> installedToolchains() {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/usr/lib"), "go-*")) {
            for (Path dir : dirs) {
                if (Files.isExecutable(dir.resolve("bin/go"))) {
                    found.add(dir.resolve("bin/go"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort((x, y) -> GoVersion.compare(toolchainVersion(x), toolchainVersion(y)));
        TestEnv.require(!found.isEmpty(), "a Go toolchain under /usr/lib/go-*/bin/go");
        return found;
    }

    private static String toolchainVersion(Path go) {
        return go.getParent().getParent().getFileName().toString().substring("go-".length());
    }


    /** Runs `go <verb> <buildTargets>` in the workload and fails with go's output if it exits non-zero. */
    private static void runGo(Path go, Workload w, String verb) {
        List<String> command = new ArrayList<>(List.of(go.toString(), verb));
        command.addAll(w.buildTargets());
        ProcessBuilder pb = new ProcessBuilder(command).directory(w.dir().toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GOTOOLCHAIN", "local");
        // nothing but the project's own module proxy: a cold module cache per copy, writable so @TempDir can delete it
        env.put("GOPROXY", w.usesModules() ? "file://" + w.goProxy() : "off");
        env.put("GOSUMDB", "off");
        env.put("GOMODCACHE", w.dir().resolveSibling(w.dir().getFileName() + "-gomodcache").toString());
        if (w.isWorkspace()) {
            env.put("GOFLAGS", "-modcacherw"); // the go command refuses -mod=mod in workspace mode
        } else {
            env.put("GOFLAGS", "-mod=mod -modcacherw");
            env.put("GOWORK", "off");
        }
        env.put("GOCACHE", TestEnv.sharedGoCache().toString());
        try {
            // Output goes to a file so a hung go command cannot block the reader past the timeout.
            Path log = Files.createTempFile("probelab-go-", ".log");
            pb.redirectOutput(log.toFile());
            try {
                Process process = pb.start();
                if (!process.waitFor(GO_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " timed out");
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertEquals(0, process.exitValue(),
                        () -> String.join(" ", command) + " in " + w.dir() + " failed:\n" + output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while running " + command);
        }
    }

    private static Map<String, Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> p, (x, y) -> x, TreeMap::new));
        }
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Path> e : filesUnder(root).entrySet()) {
            out.put(e.getKey(), Files.readString(e.getValue()));
        }
        return out;
    }

    private static Set<String> changedFiles(Map<String, String> before, Map<String, String> after) {
        assertEquals(before.keySet(), after.keySet(), "an edit must not add or remove files");
        return before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).collect(Collectors.toSet());
    }
}
