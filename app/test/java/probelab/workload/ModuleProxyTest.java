package probelab.workload;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;
import probelab.process.Exec;
import probelab.toolchain.Toolchain;

@Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.NATIVE_GO)
class ModuleProxyTest {
    private static final long GO_TIMEOUT_MILLIS = 5 * 60_000;

    @Test
    void the_tree_serves_every_module_of_the_closure_to_the_go_command_without_a_network(@TempDir Path temp) throws IOException {
        Map<String, String> imports = ThirdPartyImports.of(ProjectSize.LARGE);
        requireInstalled(imports);
        GoModules modules = sharedProxy().ensure(imports);
        Set<String> paths = new TreeSet<>();
        modules.modules().forEach(m -> paths.add(m.path()));
        assertTrue(paths.containsAll(Set.of("github.com/go-chi/chi/v5", "github.com/gin-gonic/gin", "golang.org/x/net",
                "golang.org/x/sys", "golang.org/x/text")), "closure: " + paths);
        for (GoModules.Module m : modules.modules()) {
            assertTrue(m.version().matches("v\\d+\\.\\d+\\.\\d+(-\\d{14}-[0-9a-f]{12})?"), m.describe());
        }
        assertTrue(versionOf(modules, "github.com/go-chi/chi/v5").startsWith("v5."), "chi's v5 path wants a v5 version");

        // a module that requires the whole closure, as a generated project does; go.sum holds the hashes we computed,
        // so the go command checks them against the zips it downloads
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("go.mod"), "module example.com/check\n\ngo 1.19\n" + modules.requireBlocks());
        Files.writeString(project.resolve("go.sum"), modules.goSum());
        Toolchain go = newestGo();
        Map<String, String> env = offlineEnv(modules, temp);
        Exec.Result download = Exec.run(List.of(go.goBinary().toString(), "mod", "download", "-json"), project, env,
                GO_TIMEOUT_MILLIS);
        assertTrue(download.ok(), () -> "go mod download failed:\n" + download.stdout() + download.stderr());
        Map<String, JsonNode> downloaded = new HashMap<>();
        var parser = new ObjectMapper().getFactory().createParser(download.stdout());
        for (var it = new ObjectMapper().readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode n = it.next();
            assertFalse(n.has("Error"), () -> "download error: " + n);
            downloaded.put(n.get("Path").asText(), n);
        }
        for (GoModules.Module m : modules.modules()) {
            JsonNode n = downloaded.get(m.path());
            assertTrue(n != null, "not downloaded: " + m.path());
            assertEquals(m.zipHash(), n.get("Sum").asText(), m.path() + ": the go command's hash of our zip");
            assertEquals(m.modHash(), n.get("GoModSum").asText(), m.path() + ": the go command's hash of our go.mod");
        }
        Exec.Result list = Exec.run(List.of(go.goBinary().toString(), "list", "-m", "all"), project, env, GO_TIMEOUT_MILLIS);
        assertTrue(list.ok(), () -> "go list -m all failed:\n" + list.stderr());
        for (GoModules.Module m : modules.modules()) {
            assertTrue(list.stdout().contains(m.path() + " " + m.version() + "\n"), m.path() + " in:\n" + list.stdout());
        }
        // rootless engines read the tree as a mapped uid
        try (Stream<Path> walk = Files.walk(modules.proxyDir())) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                assertTrue(Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_READ), p + " is not world-readable");
            }
        }
        String manifest = Files.readString(modules.proxyDir().resolve(GoModules.MANIFEST));
        assertTrue(manifest.contains("golang-github-go-chi-chi-dev\t"), manifest);
    }

    @Test
    void a_tree_is_made_once_with_the_same_bytes_and_reused(@TempDir Path temp) throws IOException {
        Map<String, String> chi = ThirdPartyImports.of(ProjectSize.SMALL);
        requireInstalled(chi);
        GoModules first = new ModuleProxy(temp.resolve("a")).ensure(chi);
        GoModules second = new ModuleProxy(temp.resolve("b")).ensure(chi);
        assertEquals(first.modules(), second.modules(), "same packages, same versions and hashes");
        for (GoModules.Module m : first.modules()) {
            Path rel = first.proxyDir().relativize(zipOf(first, m));
            assertEquals(-1L, Files.mismatch(zipOf(first, m), second.proxyDir().resolve(rel)), rel + " differs");
        }
        Instant made = Files.getLastModifiedTime(first.proxyDir().resolve(GoModules.MANIFEST)).toInstant();
        ModuleProxy again = new ModuleProxy(temp.resolve("a"));
        long t0 = System.nanoTime();
        assertEquals(first, again.ensure(chi));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 2_000, "a second ensure took " + millis + " ms");
        assertEquals(made, Files.getLastModifiedTime(first.proxyDir().resolve(GoModules.MANIFEST)).toInstant());
    }

    @Test
    void debian_versions_become_module_versions_only_where_they_fit_the_module_path() {
        Instant t = Instant.parse("2022-01-05T10:00:00Z");
        assertEquals("v5.0.7", ModuleProxy.version("github.com/go-chi/chi/v5", "p", "5.0.7-1", t).name());
        assertEquals("v0.7.0", ModuleProxy.version("golang.org/x/net", "p", "1:0.7.0+dfsg-1", t).name());
        assertEquals("v10.4.1", ModuleProxy.version("github.com/go-playground/validator/v10", "p", "10.4.1-4", t).name());
        assertEquals("v2.4.0", ModuleProxy.version("gopkg.in/yaml.v2", "p", "2.4.0-4", t).name());
        assertEquals("v1.9.1", ModuleProxy.version("example.com/m", "p", "1.9.1", t).name());
        // a major the path does not name, and a snapshot, get pseudo-versions
        String wrongMajor = ModuleProxy.version("example.com/m", "p", "3.1.0-1", t).name();
        assertTrue(wrongMajor.matches("v0\\.0\\.0-20220105100000-[0-9a-f]{12}"), wrongMajor);
        String snapshot = ModuleProxy.version("example.com/m/v2", "p", "0.0~git20210314.8a1b2c3-2", t).name();
        assertTrue(snapshot.matches("v2\\.0\\.0-20210314000000-[0-9a-f]{12}"), snapshot);
        assertTrue(ModuleProxy.isPseudo(snapshot));
        assertEquals("github.com/!burnt!sushi/toml", ModuleProxy.escape("github.com/BurntSushi/toml"));
    }

    @Test
    void zips_leave_out_what_the_go_command_refuses(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectories(temp.resolve("m"));
        Files.writeString(root.resolve("a.go"), "package m\n");
        Files.createDirectories(root.resolve("vendor/x"));
        Files.writeString(root.resolve("vendor/x/x.go"), "package x\n");
        Files.createDirectories(root.resolve("nested"));
        Files.writeString(root.resolve("nested/go.mod"), "module example.com/m/nested\n");
        Files.writeString(root.resolve("nested/n.go"), "package nested\n");
        Files.createSymbolicLink(root.resolve("link.go"), root.resolve("a.go"));
        Files.writeString(root.resolve("go.mod"), "module example.com/old\n");
        List<String> omitted = new java.util.ArrayList<>();
        Map<String, Path> files = ModuleZip.files(root, p -> true, omitted);
        assertEquals(Set.of("a.go", "go.mod"), files.keySet());
        assertEquals(3, omitted.size(), omitted.toString());
        byte[] goMod = "module example.com/m\n".getBytes();
        ModuleZip.Written w = ModuleZip.write(temp.resolve("m.zip"), "example.com/m", "v1.0.0", files, goMod, omitted);
        assertEquals(2, w.files());
        try (var zip = new java.util.zip.ZipFile(temp.resolve("m.zip").toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertEquals(List.of("example.com/m@v1.0.0/a.go", "example.com/m@v1.0.0/go.mod"), names);
            assertEquals("module example.com/m\n", new String(zip.getInputStream(zip.getEntry(names.get(1))).readAllBytes()));
        }
    }

    /** The proxy every test class that builds shares, as jobs do: var/goproxy. */
    static ModuleProxy sharedProxy() {
        return new ModuleProxy(TestEnv.sharedVar().resolve("goproxy"));
    }

    /** Skips (or, under CI, fails) when a Debian package the imports need is missing. */
    static void requireInstalled(Map<String, String> imports) {
        for (String pkg : new TreeSet<>(imports.values())) {
            Exec.Result r = Exec.run(List.of("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", pkg), 30_000);
            TestEnv.require(r.ok() && r.stdout().startsWith("ii"), "the Debian package " + pkg);
        }
    }

    /** The environment of a go command that can reach nothing but the tree. */
    static Map<String, String> offlineEnv(GoModules modules, Path temp) {
        return Map.of(
                "GOTOOLCHAIN", "local",
                "GOPROXY", modules.goproxyUrl(),
                "GOSUMDB", "off",
                "GOFLAGS", "-mod=mod -modcacherw",
                "GOWORK", "off",
                "GOMODCACHE", temp.resolve("modcache").toString(),
                "GOCACHE", temp.resolve("gocache").toString(),
                "HOME", temp.toString());
    }

    static Toolchain newestGo() {
        List<Toolchain> all = TestEnv.toolchains(1);
        return all.get(all.size() - 1);
    }

    private static String versionOf(GoModules modules, String path) {
        return modules.modules().stream().filter(m -> m.path().equals(path)).findFirst().orElseThrow().version();
    }

    private static Path zipOf(GoModules modules, GoModules.Module m) {
        return modules.proxyDir().resolve(ModuleProxy.escape(m.path())).resolve("@v").resolve(m.version() + ".zip");
    }
}
