package probelab.runtime;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;
import probelab.catalog.EngineConfig;
import probelab.catalog.Metric;
import probelab.probe.Readiness;
import probelab.storage.db.Database;
import probelab.storage.report.Diagnostics;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runtime deliberately put on vfs (a runtimes.json variant of rootless Podman with a storage root of its own, so it
 * never touches the user's overlay store) is diagnosed: the vfs rule fires with the driver as evidence and the fix.
 * Kept fast: one cold start of the tiny echo image, no builds.
 */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class VfsDiagnosticTest {
    @TempDir
    Path dir;

    static OciRuntimeSpec vfsVariant(String user) {
        OciRuntimeSpec p = OciRuntimeSpec.podmanRootless(user);
        List<String> global = new ArrayList<>(List.of("--storage-driver", "vfs", "--root", "/var/tmp/probelab-vfs-{uid}/storage",
                "--runroot", "/run/probelab-{uid}/containers-vfs"));
        return new OciRuntimeSpec("podman-rootless-vfs", "Podman (rootless, vfs)", p.engine(), p.cli(), p.wrapper(), global,
                null, p.env(), p.runAsUser(), p.memorySource(), p.overheadOwner(), p.overheadProcesses(), p.overheadTrees(),
                p.overheadExcludeTrees(), List.of("none"), p.toolchainImageSource());
    }

    @Test
    void a_podman_rootless_variant_on_vfs_gets_the_vfs_diagnostic() throws Exception {
        OciCliRuntime rt = EngineSupport.runtime(vfsVariant(ContainerRuntimes.ROOTLESS_USER));
        EngineSupport.requireAvailable(rt);
        String jobId = EngineSupport.newJobId();
        try (Database db = Database.open(dir.resolve("v.duckdb"))) {
            rt.prepare(EngineSupport.toolchain(), EngineSupport.echoBinary(), jobId);
            EngineConfig c = rt.engineConfig();
            assertEquals("vfs", c.storageDriver(), c.toString());
            SampleStore store = new SampleStore(db);
            store.createJob(jobId, "{}", Instant.now());
            String runId = jobId + "-0";
            store.createRun(new RunRow(runId, jobId, rt.id(), EngineSupport.toolchain().version(), "tiny", Instant.now(),
                    new Environment("Debian", "6.1", "cpu", 2, 24L << 30, "go", "", "", "0", "abc"), RunRow.WorkloadCounts.NONE));
            store.setEngineConfig(runId, c);
            int port = EngineSupport.freePort();
            try (Runtime.Server s = rt.startServer(EngineSupport.toolchain(), EngineSupport.echoBinary(), port, jobId)) {
                long ready = Readiness.awaitHttp200(port, 60_000, s::alive);
                store.addSample(SampleRow.ok(runId, Metric.COLD_START_MS, "", 1, (ready - s.issuedAtNanos()) / 1e6, s.startCommand()));
            }
            List<Diagnostics.Diagnostic> found = new Diagnostics(db).forJob(jobId).stream()
                    .filter(d -> d.rule().equals("vfs_storage")).toList();
            assertEquals(1, found.size(), found.toString());
            Diagnostics.Diagnostic d = found.get(0);
            assertEquals("high", d.severity());
            assertTrue(d.evidence().contains("storage_driver = vfs"), d.evidence());
            assertTrue(d.fix().contains("driver = \"overlay\""), d.fix());
        } finally {
            rt.removeLeftovers(jobId);
        }
    }
}
