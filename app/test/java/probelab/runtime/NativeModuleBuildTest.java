package probelab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

/** A native build of a project with third-party modules: from its local proxy into the build cache, nothing else. */
@Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
class NativeModuleBuildTest {

    @Test
    void the_small_workload_builds_cold_with_modules_from_its_proxy_in_the_host_cache(@TempDir Path scratch) throws Exception {
        WorkloadGenerator workloads = new WorkloadGenerator(EngineSupport.VAR.resolve("workloads"));
        Workload small = workloads.copyTo(workloads.ensure(ProjectSize.SMALL), scratch.resolve("small"));
        NativeRuntime rt = new NativeRuntime(scratch.resolve("caches"), GoTime.NONE);
        try (Runtime.BuildCache cache = rt.newBuildCache("host", "test")) {
            Path dir = ((NativeRuntime.HostDirCache) cache).dir();
            Runtime.UserCommand user = rt.buildCommand(EngineSupport.toolchain(), small.dir(), small.buildTargets(), cache);
            // what hyperfine runs gets the same proxy and caches as the timed build
            assertEquals("file://" + small.goProxy(), user.env().get("GOPROXY"));
            assertEquals(dir.resolve("mod").toString(), user.env().get("GOMODCACHE"));
            Runtime.BuildOutcome out = rt.build(EngineSupport.toolchain(), small.dir(), small.buildTargets(), cache, 600_000);
            assertTrue(out.result().ok(), out.result().reason());
            System.out.printf("native cold build of small with modules: %.0f ms%n", out.wallNanos() / 1e6);
            String chi = small.goModules().get(0).replaceFirst(" .*", "");
            assertTrue(Files.isDirectory(dir.resolve("mod").resolve(chi)), chi + " extracted into the build cache");
        }
    }
}
