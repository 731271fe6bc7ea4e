package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.Metric;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.runtime.OciCliRuntime;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class FilesJobTest {
    /**
     * Rootless Podman: a rootless engine copies the tree into its volume, commits its image and runs go there as a
     * mapped uid, the hardest case. Each runtime here costs a cold build and test of tiny (~25 s) and fifteen container
     * runs after page cache drops; docker's image place is OciCliRuntimeTest's.
     */
    private static final List<String> CONTAINERS = List.of("podman-rootless");

    @TempDir
    Path dir;

    @Test
    void the_tree_is_walked_written_built_and_tested_cold_and_warm_in_every_place_of_rootless_podman_and_nothing_labelled_is_left()
            throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            for (String id : CONTAINERS) {
                Runtime rt = app.runtimes().get(id);
                TestEnv.require(rt.availability().available(), id + " (" + rt.availability().reason() + ")");
            }
            // native's host place, go included, is the next test's (its 'partial' runtime is native underneath)
            List<String> runtimes = new ArrayList<>(CONTAINERS);
            var plan = app.runner().plan(new JobRequest(Selection.of(runtimes, List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("files"), null), Sampling.of(1, 0, null, null, null, null), Conditions.DEFAULT));
            app.runner().queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, ProgressListener.NONE, new JobRunner.Control()));

            // as root the page cache can be dropped, so every cold variant is measured; otherwise each says why not
            boolean canDrop = Files.isWritable(Path.of("/proc/sys/vm/drop_caches"));
            List<String> rows = new ArrayList<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, metric, variant, status, value, detail, error FROM v_samples "
                         + "WHERE job_id = '" + plan.jobId() + "' ORDER BY runtime, metric, variant")) {
                while (rs.next()) {
                    String rt = rs.getString(1), variant = rs.getString(3), status = rs.getString(4);
                    String row = rt + " " + rs.getString(2) + " " + variant;
                    rows.add(row + " " + (status.equals("failed") && variant.startsWith("cold/") && !canDrop ? "ok" : status));
                    if (status.equals("failed")) {
                        assertTrue(!canDrop && rs.getString(7).contains("page cache"), row + ": " + rs.getString(7));
                        continue;
                    }
                    // a walk of tiny's few files takes from ~0.05 ms (warm) to a few ms (cold); 200 writes tens of ms
                    assertTrue(rs.getDouble(5) > 0 && rs.getDouble(5) < 60_000, row + ": " + rs.getDouble(5));
                    String detail = rs.getString(6);
                    boolean go = rs.getString(2).equals(Metric.TREE_BUILD_MS.id()) || rs.getString(2).equals(Metric.TREE_TEST_MS.id());
                    if (go) {
                        // go of a built tree still starts go, hashes the sources and links or runs: tens of ms at least
                        assertTrue(rs.getDouble(5) > 10, row + ": " + rs.getDouble(5));
                        assertTrue(detail.startsWith(rs.getString(2).equals(Metric.TREE_BUILD_MS.id()) ? "go build" : "go test -count=1")
                                && detail.contains("probes/gotime") && detail.contains("whole run"), row + ": " + detail);
                        double wholeMillis = Double.parseDouble(detail.replaceAll(".*whole run ([0-9.]+) ms.*", "$1"));
                        // the detail rounds the whole run to 0.1 ms
                        assertTrue(wholeMillis + 0.05 >= rs.getDouble(5), row + ": go's own time is inside the whole run: " + detail);
                    } else {
                        assertTrue(detail.contains("treewalk") && detail.contains("whole run"), detail);
                        assertTrue(detail.contains("run --rm") && detail.contains("probelab.job=" + plan.jobId()), detail);
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            for (String rt : CONTAINERS) {
                for (Metric m : List.of(Metric.TREE_BUILD_MS, Metric.TREE_TEST_MS, Metric.TREE_WALK_MS, Metric.TREE_WRITE_MS)) {
                    for (String cache : List.of("cold", "warm")) {
                        for (String place : List.of("bind", "image", "volume")) expected.add(rt + " " + m.id() + " " + cache + "/" + place + " ok");
                    }
                }
            }
            assertEquals(expected, rows);

            for (String id : CONTAINERS) {
                OciCliRuntime rt = (OciCliRuntime) app.runtimes().get(id);
                assertEquals(List.of(), rt.labelled("ps", plan.jobId()), id + ": the walkers' containers are removed");
                assertEquals(List.of(), rt.labelled("volumes", plan.jobId()), id + ": the tree's volume and its build cache are removed");
                assertEquals(List.of(), rt.treeImages(plan.jobId()), id + ": the tree's image is removed");
            }
        }
    }

    @Test
    void a_place_that_cannot_be_made_gives_failed_samples_with_the_reason_and_the_other_places_are_measured() throws Exception {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            var config = app.config();
            GoTime goTime = new GoTime(config.probesDir(), config.binDir());
            Runtime partial = new DelegatingRuntime(new NativeRuntime(config.scratchDir(), goTime)) {
                @Override
                public String id() {
                    return "partial";
                }

                @Override
                public List<String> treePlaces() {
                    return List.of(Metric.HOST, Metric.VOLUME);
                }

                @Override
                public PlacedTree placeTree(String place, Toolchain toolchain, Path treeDir, Path walker, String jobId)
                        throws RuntimeFailure {
                    if (place.equals(Metric.VOLUME)) throw new RuntimeFailure("no volumes on this runtime");
                    return new NativeRuntime(config.scratchDir(), goTime).placeTree(place, toolchain, treeDir, walker, jobId);
                }
            };
            var runner = RunnerOver.runtimes(app, List.of(partial));
            var plan = runner.plan(new JobRequest(Selection.of(List.of("partial"), List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("files"), null), Sampling.of(1, 0, null, null, null, null), Conditions.DEFAULT));
            runner.queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
            List<String> rows = new ArrayList<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT metric, variant, status, error FROM v_samples WHERE job_id = '"
                         + plan.jobId() + "' AND variant LIKE '%/volume' ORDER BY metric, variant")) {
                while (rs.next()) rows.add(String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            String why = "failed cannot put the tree in volume: no volumes on this runtime";
            List<String> expected = new ArrayList<>();
            for (Metric m : List.of(Metric.TREE_BUILD_MS, Metric.TREE_TEST_MS, Metric.TREE_WALK_MS, Metric.TREE_WRITE_MS)) {
                for (String cache : List.of("cold", "warm")) expected.add(m.id() + " " + cache + "/volume " + why);
            }
            assertEquals(expected, rows);
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM v_samples WHERE job_id = '" + plan.jobId()
                         + "' AND variant LIKE '%/host' AND status = 'ok'")) {
                rs.next();
                // walk, write, build and test, cold and warm; where the page cache cannot be dropped the cold ones fail
                assertEquals(Files.isWritable(Path.of("/proc/sys/vm/drop_caches")) ? 8 : 4, rs.getInt(1));
            }
        }
    }

    @Test
    void the_walkers_phase_lines_are_read_in_order_and_anything_else_is_skipped() {
        var phases = FilesProbe.parse("phase=walk ns=1200 files=4 bytes=900\nnoise\nphase=write ns=x files=1 bytes=2\n"
                + "phase=write ns=5000 files=200 bytes=819200\n");
        assertEquals(List.of(new FilesProbe.Phase("walk", 1200, 4, 900), new FilesProbe.Phase("write", 5000, 200, 819200)), phases);
    }
}
