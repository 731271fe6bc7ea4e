package probelab.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What bench gotest hands hyperfine natively: the go test a job runs, with the job's build environment and nothing of
 * probelab's timers. No Go is run, so the toolchain needs no real files.
 */
class NativeTestCommandTest {
    private static final Toolchain GO = new Toolchain("1.23.4", "go version go1.23.4 linux/amd64",
            Path.of("/opt/go1.23/bin/go"), Path.of("/opt/go1.23"));

    @TempDir
    Path scratch;
    @TempDir
    Path project;

    @Test
    void the_native_test_command_is_go_test_count_1_of_the_packages_with_gocache_in_the_cache_dir() throws Exception {
        NativeRuntime rt = new NativeRuntime(scratch, GoTime.NONE);
        try (Runtime.BuildCache cache = rt.newBuildCache("host", "job")) {
            Path dir = ((NativeRuntime.HostDirCache) cache).dir();
            Runtime.UserCommand cmd = rt.testCommand(GO, project, List.of("./..."), cache, false);
            assertEquals(List.of("/opt/go1.23/bin/go", "test", "-count=1", "./..."), cmd.argv());
            assertEquals(project, cmd.dir());
            assertEquals(dir.toString(), cmd.env().get("GOCACHE"));
            assertEquals(dir.resolve("mod").toString(), cmd.env().get("GOMODCACHE"));
            assertEquals("/opt/go1.23", cmd.env().get("GOROOT"));
            assertEquals("0", cmd.env().get("CGO_ENABLED"));
        }
    }

    @Test
    void with_race_the_native_test_command_adds_race_before_the_packages_and_turns_cgo_on() throws Exception {
        NativeRuntime rt = new NativeRuntime(scratch, GoTime.NONE);
        try (Runtime.BuildCache cache = rt.newBuildCache("host", "job")) {
            Runtime.UserCommand cmd = rt.testCommand(GO, project, List.of("./cmd/a", "./pkg/b"), cache, true);
            assertEquals(List.of("/opt/go1.23/bin/go", "test", "-count=1", "-race", "./cmd/a", "./pkg/b"), cmd.argv());
            assertEquals("1", cmd.env().get("CGO_ENABLED"));
        }
    }
}
