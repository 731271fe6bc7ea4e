package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.Metric;
import probelab.runtime.OciCliRuntime;
import probelab.runtime.Runtime;
import probelab.storage.samples.SampleStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class ImageBuildProbeTest {
    /**
     * The rootful engines, one per builder (docker's legacy builder, podman's Buildah). The rootless engines run the
     * same builders as another user; each engine here costs ~30 s of cold compiling inside the build on a fresh machine,
     * so they are left to the dev loop's image way (DevLoopJobTest) and to jobs.
     */
    static final List<String> ENGINES = List.of("docker", "podman");

    @TempDir
    Path dir;

    @Test
    void a_tiny_image_builds_cold_warm_and_incremental_on_docker_and_podman_and_cachemount_is_refused_with_a_reason_on_docker()
            throws Exception {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            for (String id : ENGINES) {
                Runtime.Availability a = app.runtimes().get(id).availability();
                TestEnv.require(a.available(), "runtime " + id + " (" + a.reason() + ")");
            }
            List<String> runtimes = new ArrayList<>(List.of("native"));
            runtimes.addAll(ENGINES);
            var plan = app.runner().plan(new JobRequest(Selection.of(runtimes, List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("image_build"), null), Sampling.of(1, 0, 100L, null, null, null), Conditions.DEFAULT));
            app.runner().queue(plan);
            List<String> log = new ArrayList<>();
            ProgressListener progress = new ProgressListener() {
                @Override
                public void step(long done, long total, String what) {
                }

                @Override
                public void log(String line) {
                    log.add(line);
                }
            };
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, progress, new JobRunner.Control()), String.join("\n", log));

            Map<String, Double> ok = new HashMap<>();
            Map<String, String> detail = new HashMap<>();
            List<String> failed = new ArrayList<>();
            Map<String, String> notApplicable = new HashMap<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, metric, variant, status, value, coalesce(error, ''), "
                         + "coalesce(detail, '') FROM v_samples WHERE job_id = '" + plan.jobId() + "'")) {
                while (rs.next()) {
                    String key = rs.getString(1) + " " + rs.getString(2) + "[" + rs.getString(3) + "]";
                    switch (rs.getString(4)) {
                        case "ok" -> {
                            ok.put(key, rs.getDouble(5));
                            detail.put(key, rs.getString(7));
                        }
                        case "failed" -> failed.add(key + ": " + rs.getString(6));
                        default -> notApplicable.put(rs.getString(1) + " " + rs.getString(2), rs.getString(6));
                    }
                }
            }
            assertEquals(List.of(), failed, "no build failed");
            for (String rt : ENGINES) {
                for (String phase : List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL)) {
                    String time = rt + " image_build_ms[" + phase + "]";
                    assertTrue(ok.containsKey(time), time + " in " + ok.keySet());
                    assertTrue(detail.get(time).startsWith(rt.startsWith("docker") ? "docker build (legacy builder, docker "
                            : "podman build (buildah "), "the builder is recorded: " + detail.get(time));
                    double size = ok.get(rt + " image_size_bytes[" + phase + "]");
                    assertTrue(size > 0 && size < 50e6, rt + " image of " + size + " bytes");
                }
                double cold = ok.get(rt + " image_build_ms[cold]"), warm = ok.get(rt + " image_build_ms[warm]");
                assertTrue(warm < cold, rt + ": warm " + warm + " ms, cold " + cold + " ms");
                assertTrue(ok.keySet().stream().anyMatch(k -> k.startsWith(rt + " image_build_step_ms[cold/")),
                        rt + " has per-step times: " + ok.keySet());
            }
            // Buildah has cache mounts: the incremental build that keeps GOCACHE in one recompiles only what changed
            double mounted = ok.get("podman image_build_ms[cachemount]");
            assertTrue(mounted < ok.get("podman image_build_ms[incremental]"), "cachemount " + mounted + " ms");
            for (String docker : List.of("docker")) {
                String why = notApplicable.get(docker + " image_build_ms");
                assertTrue(why != null && why.startsWith("cachemount: ") && why.contains("legacy builder"), docker + ": " + why);
                assertTrue(!ok.containsKey(docker + " image_build_ms[cachemount]"));
            }
            assertTrue(notApplicable.get("native image_build_ms").contains("no image builder"), notApplicable.toString());
            assertEquals(4, notApplicable.size(), "once per run and metric: " + notApplicable);

            // nothing of the job is left: images (intermediate ones too), cache mounts, build contexts
            for (String rt : ENGINES) {
                assertEquals(List.of(), ((OciCliRuntime) app.runtimes().get(rt)).imageBuildImages(plan.jobId()), rt);
            }
            for (Path cache : List.of(Path.of("/var/tmp/buildah-cache"))) {
                if (!Files.isDirectory(cache)) continue;
                try (Stream<Path> s = Files.list(cache)) {
                    assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(plan.jobId())).toList());
                }
            }
            try (Stream<Path> s = Files.list(app.config().scratchDir().resolve("work"))) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("-image-")).toList());
            }
        }
    }
}
