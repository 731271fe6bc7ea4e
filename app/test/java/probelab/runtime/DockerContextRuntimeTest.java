package probelab.runtime;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import probelab.TestEnv;
import probelab.probe.HttpClosedLoop;
import probelab.probe.Readiness;
import probelab.process.Exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Docker Desktop, Rancher Desktop, Colima and OrbStack are the docker CLI with a context. They cannot run here,
 * so their recipe is run with a context that points at this machine's rootful and rootless engines instead:
 * the same adapter and spec, only the context name (data) differs.
 */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class DockerContextRuntimeTest {
    private final String jobId = EngineSupport.newJobId();
    private final String suffix = jobId.substring(5);
    private final List<String> createdContexts = new ArrayList<>();

    private String rootlessSocket() {
        var r = Exec.run(List.of("id", "-u", ContainerRuntimes.ROOTLESS_USER), 5_000);
        return "unix:///run/probelab-" + r.stdout().strip() + "/docker.sock";
    }

    @BeforeAll
    void createContexts() {
        for (String which : List.of("rootful", "rootless")) {
            String name = "probelab-test-" + which + "-" + suffix;
            String host = which.equals("rootful") ? "unix:///var/run/docker.sock" : rootlessSocket();
            var r = Exec.run(List.of("docker", "context", "create", name, "--description", "probelab test, removed after it",
                    "--docker", "host=" + host), 20_000);
            if (r.ok()) createdContexts.add(name);
        }
    }

    @AfterAll
    void removeContextsAndLeftovers() {
        for (String name : createdContexts) {
            EngineSupport.runtime(desktopRecipeWith(name)).removeLeftovers(jobId);
            Exec.run(List.of("docker", "context", "rm", "-f", name), 20_000);
        }
    }

    /** The built-in Docker Desktop recipe, pointed at another context: nothing else changes. */
    private static OciRuntimeSpec desktopRecipeWith(String context) {
        OciRuntimeSpec desktop = OciRuntimeSpec.builtIns(ContainerRuntimes.ROOTLESS_USER).stream()
                .filter(s -> s.id().equals("docker-desktop")).findFirst().orElseThrow();
        return desktop.withContext("desktop-style-" + context, "Docker Desktop recipe via " + context, context);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rootful", "rootless"})
    void the_desktop_recipe_runs_a_server_through_a_context_that_is_only_data(String which) throws Exception {
        String context = "probelab-test-" + which + "-" + suffix;
        assertTrue(createdContexts.contains(context), "docker context create " + context + " failed");
        OciCliRuntime rt = EngineSupport.runtime(desktopRecipeWith(context));
        EngineSupport.requireAvailable(rt);
        Runtime.Availability a = rt.availability();
        assertTrue(a.reachedVia().startsWith("docker --context " + context), a.reachedVia());
        assertTrue(a.reachedVia().contains(which.equals("rootful") ? "/var/run/docker.sock" : "/docker.sock"), a.reachedVia());

        rt.prepare(EngineSupport.toolchain(), EngineSupport.echoBinary(), jobId);
        int port = EngineSupport.freePort();
        try (Runtime.Server server = rt.startServer(EngineSupport.toolchain(), EngineSupport.echoBinary(), port, jobId)) {
            Readiness.awaitHttp200(port, 30_000, server::alive);
            assertEquals(200, HttpClosedLoop.probeOnce("127.0.0.1", port, 2_000));
            // proc_or_stats: the engine is on this kernel, so its pid is verifiably the server's and /proc is used
            Runtime.MemoryReading m = server.memory();
            assertTrue(m.rssBytes() > 1_000_000, "RSS " + m.rssBytes());
            assertTrue(m.source().startsWith("/proc/"), m.source());
            // no Desktop VM process here: the overhead is measured, and is simply empty
            assertEquals(0, rt.overhead().rssBytes());
        }
        rt.removeLeftovers(jobId);
        assertEquals(List.of(), rt.labelled("containers", jobId));
    }
}
