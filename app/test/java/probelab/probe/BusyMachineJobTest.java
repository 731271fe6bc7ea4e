package probelab.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.Config;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.MetricFamily;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchains;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The busy-machine warning on real jobs: the job's own servers and load generators (a load average well above the
 * CPUs) raise nothing, a busy loop started beside the job, outside its process tree, does.
 */
@Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class BusyMachineJobTest {
    @TempDir
    Path dir;

    private static String rttJob(Probelab app, JobRunner runner) {
        var plan = runner.plan(new JobRequest(Selection.of(List.of("native"), List.of(Toolchains.discover().newest().minor()),
                List.of("tiny"), List.of(MetricFamily.RTT.id()), null),
                new Sampling(4, 1, 1_000, 5, new Sampling.RunBounds(6, 10), null), Conditions.DEFAULT));
        runner.queue(plan);
        assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
        return plan.jobId();
    }

    /** The busy-machine rows of a job's runs, with the share the run read beside them. */
    private static List<String> busy(Probelab app, String jobId) throws Exception {
        List<String> out = new ArrayList<>();
        try (var conn = app.store().database().connect();
             PreparedStatement st = conn.prepareStatement("SELECT coalesce(d.evidence, 'none; foreign ' || r.foreign_cpu_ticks || ' of '"
                     + " || r.cpu_ticks || ' ticks, load up to ' || r.load_avg_1m_max) FROM runs r LEFT JOIN v_diagnostics d"
                     + " ON d.run_id = r.run_id AND d.rule = 'busy_machine' WHERE r.job_id = ?")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void a_job_alone_raises_no_busy_machine_and_a_busy_loop_beside_it_does() throws Exception {
        Config config = TestEnv.config(dir);
        try (Probelab app = new Probelab(config)) {
            JobRunner runner = RunnerOver.runtimes(app, List.of(new NativeRuntime(config.scratchDir(), GoTime.NONE)));
            List<String> alone = busy(app, rttJob(app, runner));
            assertEquals(1, alone.size());
            // the job's own servers and load are no competition; a hypervisor's steal may still be (the CI machine's
            // is its own business), so only the foreign-CPU part of the warning is asserted absent
            assertFalse(alone.get(0).contains("processes outside the job"), "the job's own load is no competition: " + alone);

            long loop = ForeignCpuTest.orphanBusyLoop();
            List<String> beside;
            try {
                beside = busy(app, rttJob(app, runner));
            } finally {
                ProcessHandle.of(loop).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertEquals(1, beside.size());
            assertTrue(beside.get(0).contains("processes outside the job used") && beside.get(0).contains("most: sh[" + loop + "]"),
                    "a busy loop outside the job competes: " + beside);
            System.out.println("alone: " + alone + "; beside a busy loop: " + beside);
        }
    }
}
