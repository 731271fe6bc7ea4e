package probelab.runtime;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import probelab.TestEnv;
import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** probes/gotime splits a build's wall time: go build itself, natively and inside the toolchain image, for real. */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class GoTimeTest {
    private final String jobId = EngineSupport.newJobId();
    private final WorkloadGenerator workloads = new WorkloadGenerator(EngineSupport.VAR.resolve("workloads"));

    @AfterAll
    void tearDown() {
        FileTrees.deleteBestEffort(EngineSupport.SCRATCH.resolve("work").resolve(jobId));
    }

    @Test
    void the_helper_is_static_passes_the_exit_status_on_and_prints_the_childs_wall_time_last() throws Exception {
        Path helper = EngineSupport.GO_TIME.binary(EngineSupport.toolchain());
        assertTrue(Exec.run(List.of("file", helper.toString()), 10_000).stdout().contains("statically linked"));
        Exec.Result slept = Exec.run(List.of(helper.toString(), "sleep", "0.2"), 10_000);
        assertTrue(slept.ok(), slept.reason());
        long ns = GoTime.parseNanos(slept.stderr());
        assertTrue(ns >= 200_000_000 && ns < slept.elapsedNanos(), ns + " ns inside vs " + slept.elapsedNanos() + " outside");
        Exec.Result failed = Exec.run(List.of(helper.toString(), "sh", "-c", "echo out; exit 3"), 10_000);
        assertEquals(3, failed.exitCode());
        assertEquals("out", failed.stdout().strip());
        assertTrue(GoTime.parseNanos(failed.stderr()) > 0);
        assertEquals(-1, GoTime.parseNanos("no such line\n"));
    }

    /** Small, not tiny: one cold build also shows the modules coming from the project's proxy into the build cache. */
    @Test
    void a_native_build_reports_go_builds_own_time_and_takes_its_modules_from_the_proxy_into_the_cache() throws Exception {
        NativeRuntime rt = new NativeRuntime(EngineSupport.SCRATCH, EngineSupport.GO_TIME);
        Workload w = workloads.copyTo(workloads.ensure(ProjectSize.SMALL),
                EngineSupport.SCRATCH.resolve("work").resolve(jobId).resolve("native-small"));
        assertTrue(w.usesModules(), "small imports chi");
        try (Runtime.BuildCache cache = rt.newBuildCache("host", jobId)) {
            Path dir = ((NativeRuntime.HostDirCache) cache).dir();
            // what hyperfine runs gets the same proxy and caches as the timed build
            Runtime.UserCommand user = rt.buildCommand(EngineSupport.toolchain(), w.dir(), w.buildTargets(), cache);
            assertEquals("file://" + w.goProxy(), user.env().get("GOPROXY"));
            assertEquals(dir.resolve("mod").toString(), user.env().get("GOMODCACHE"));
            Runtime.BuildOutcome out = rt.build(EngineSupport.toolchain(), w.dir(), w.buildTargets(), cache, 300_000);
            assertTrue(out.result().ok(), out.result().reason());
            assertTrue(out.innerNanos() > 0 && out.innerNanos() <= out.wallNanos(), out.innerNanos() + " vs " + out.wallNanos());
            System.out.printf("native cold build: %.1f ms wall, %.1f ms go build%n", out.wallNanos() / 1e6, out.innerNanos() / 1e6);
            String chi = w.goModules().get(0).replaceFirst(" .*", "");
            assertTrue(Files.isDirectory(dir.resolve("mod").resolve(chi)), chi + " extracted into the build cache");
        }
    }

    @Test
    void a_docker_build_reports_go_builds_own_time_from_inside_the_container() throws Exception {
        OciCliRuntime rt = EngineSupport.runtime(OciRuntimeSpec.docker());
        EngineSupport.requireAvailable(rt);
        try {
            rt.prepare(EngineSupport.toolchain(), EngineSupport.echoBinary(), jobId);
            // what is built does not matter to the helper: a package that imports nothing compiles in tens of ms
            // (tiny would compile net/http cold, 20 s of CPU, which the job tests pay for anyway)
            Path lib = OciCliRuntimeTest.libraryModule(EngineSupport.SCRATCH.resolve("work").resolve(jobId).resolve("docker-lib"));
            try (Runtime.BuildCache cache = rt.newBuildCache("none", jobId)) {
                Runtime.BuildOutcome out = rt.build(EngineSupport.toolchain(), lib, List.of("."), cache, 300_000);
                assertTrue(out.result().ok(), out.result().reason());
                assertTrue(out.innerNanos() > 0 && out.innerNanos() < out.wallNanos(), out.innerUnavailableReason()
                        + " " + out.innerNanos() + " vs " + out.wallNanos());
                System.out.printf("docker cold build: %.1f ms wall, %.1f ms go build%n", out.wallNanos() / 1e6, out.innerNanos() / 1e6);
            }
        } finally {
            rt.removeLeftovers(jobId);
        }
    }
}
