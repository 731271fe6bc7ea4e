package probelab.probe;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
class FilesJobTest {
    private static final List<String> CONTAINERS = List.of("docker", "podman-rootless");

    @TempDir
    Path dir;

    @Test
    void the_tree_is_walked_and_written_cold_and_warm_in_every_place_of_each_runtime_and_nothing_labelled_is_left()
            throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            for (String id : CONTAINERS) {
                Runtime rt = app.runtimes().get(id);
                TestEnv.require(rt.availability().available(), id + " (" + rt.availability().reason() + ")");
            }
            List<String> runtimes = new ArrayList<>(List.of("native"));
            runtimes.addAll(CONTAINERS);
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
                    assertTrue(detail.contains("treewalk") && detail.contains("whole run"), detail);
                    if (!rt.equals("native")) assertTrue(detail.contains("run --rm") && detail.contains("probelab.job=" + plan.jobId()), detail);
                }
            }
            List<String> expected = new ArrayList<>();
            for (String rt : List.of("docker", "native", "podman-rootless")) {
                List<String> places = rt.equals("native") ? List.of("host") : List.of("bind", "image", "volume");
                for (Metric m : List.of(Metric.TREE_WALK_MS, Metric.TREE_WRITE_MS)) {
                    for (String cache : List.of("cold", "warm")) {
                        for (String place : places) expected.add(rt + " " + m.id() + " " + cache + "/" + place + " ok");
                    }
                }
            }
            assertEquals(expected, rows);

            for (String id : CONTAINERS) {
                OciCliRuntime rt = (OciCliRuntime) app.runtimes().get(id);
                assertEquals(List.of(), rt.labelled("ps", plan.jobId()), id + ": the walkers' containers are removed");
                assertEquals(List.of(), rt.labelled("volumes", plan.jobId()), id + ": the tree's volume is removed");
                assertEquals(List.of(), rt.treeImages(plan.jobId()), id + ": the tree's image is removed");
            }
        }
    }
}
