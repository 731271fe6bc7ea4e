package probelab.runtime;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;
import probelab.process.Exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class ImageBuildLeftoversTest {
    @TempDir
    Path dir;

    @Test
    void image_builds_and_cache_mounts_of_a_killed_job_are_removed_by_the_next_jobs_sweep_and_a_live_ones_are_kept() throws Exception {
        OciCliRuntime docker = EngineSupport.runtime(OciRuntimeSpec.docker());
        EngineSupport.requireAvailable(docker);
        String dead = EngineSupport.newJobId(), alive = EngineSupport.newJobId();
        build(docker, dead, hostOf() + "/999999999/1");
        build(docker, alive, OciLabels.OWNER);
        assertEquals(1, docker.imageBuildImages(dead).size());

        docker.removeLeftovers(null);
        assertEquals(List.of(), docker.imageBuildImages(dead), "its process is gone: a kill -9 left it");
        assertEquals(1, docker.imageBuildImages(alive).size(), "this process still runs: not a leftover");
        docker.removeLeftovers(alive);
        assertEquals(List.of(), docker.imageBuildImages(alive));

        OciCliRuntime podman = EngineSupport.runtime(OciRuntimeSpec.podman());
        EngineSupport.requireAvailable(podman);
        Path caches = Path.of("/var/tmp/buildah-cache");
        Path abandoned = caches.resolve(OciImageBuilds.CACHE_ID_PREFIX + "999999999.1-" + dead + "-0-1");
        Files.createDirectories(abandoned.resolve("ab"));
        podman.removeLeftovers(null);
        assertFalse(Files.exists(abandoned), "a cache mount whose owner is gone is deleted");
    }

    private static String hostOf() {
        return OciLabels.OWNER.substring(0, OciLabels.OWNER.indexOf('/'));
    }

    /** A labelled FROM scratch image, as an image build of {@code job} by {@code owner} leaves it. */
    private void build(OciCliRuntime rt, String job, String owner) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nLABEL \"" + OciLabels.IMAGE_BUILD_LABEL + "\"=\"" + job
                + "\" \"" + OciLabels.OWNER_LABEL + "\"=\"" + owner + "\"\n");
        List<String> args = new ArrayList<>(List.of("build", "-t", OciImageBuilds.REPO + ":" + job, dir.toString()));
        Exec.Result r = Exec.run(rt.commandLine(args), null, java.util.Map.of("DOCKER_BUILDKIT", "0"), 60_000);
        assertTrue(r.ok(), r.reason());
    }
}
