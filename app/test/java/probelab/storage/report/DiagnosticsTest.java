package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.catalog.EngineConfig;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per v_diagnostics rule, on crafted runs: each fires on its confounder and stays quiet on a clean run. */
class DiagnosticsTest {
    private static final EngineConfig CLEAN = new EngineConfig("overlay", "2", "systemd", "runc 1.1.5", "netavark",
            false, "seccomp", "podman 4.3.1");
    private static final Environment ENV = new Environment("Debian", "6.1", "cpu", 2, 24L << 30, "go", "", "", "0", "abc");

    @TempDir
    Path dir;
    private Database db;
    private SampleStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("d.duckdb"));
        store = new SampleStore(db);
        store.createJob("j", "{}", Instant.now());
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        db.close();
    }

    private void run(String runId, String runtime, String size, Environment env, EngineConfig c) {
        store.createRun(new RunRow(runId, "j", runtime, "1.23.5", size, Instant.now(), env, RunRow.WorkloadCounts.NONE));
        store.setEngineConfig(runId, c);
    }

    private List<String> rules(String runId) {
        return new Diagnostics(db).forJob("j").stream().filter(d -> d.runId().equals(runId)).map(Diagnostics.Diagnostic::rule).toList();
    }

    private Diagnostics.Diagnostic only(String runId, String rule) {
        return new Diagnostics(db).forJob("j").stream().filter(d -> d.runId().equals(runId) && d.rule().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError(rule + " did not fire on " + runId));
    }

    @Test
    void a_clean_run_has_no_diagnostics_and_native_only_resource_ones() {
        run("clean", "podman", "tiny", ENV, CLEAN);
        run("native", "native", "tiny", ENV, EngineConfig.NONE);
        assertEquals(List.of(), rules("clean"));
        assertEquals(List.of(), rules("native"));
    }

    @Test
    void vfs_names_the_driver_and_compares_with_the_same_engine_on_overlay() {
        run("overlay", "podman", "tiny", ENV, CLEAN);
        run("vfs", "podman-rootless", "tiny", ENV, new EngineConfig("vfs", "2", "systemd", "runc", "slirp4netns", false,
                "seccomp,rootless", "podman 4.3.1"));
        for (int i = 1; i <= 3; i++) {
            store.addSample(SampleRow.ok("overlay", "cold_start_ms", "", i, 220, "ms", null));
            store.addSample(SampleRow.ok("vfs", "cold_start_ms", "", i, 900, "ms", null));
            store.addSample(SampleRow.ok("overlay", "build_ms", "warm/none", i, 400, "ms", null));
            store.addSample(SampleRow.ok("vfs", "build_ms", "warm/none", i, 5200, "ms", null));
        }
        var d = only("vfs", "vfs_storage");
        assertEquals("high", d.severity());
        assertTrue(d.evidence().contains("storage_driver = vfs"), d.evidence());
        assertTrue(d.evidence().contains("cold start 900 ms vs 220 ms"), d.evidence());
        assertTrue(d.evidence().contains("warm build 5200 ms vs 400 ms"), d.evidence());
        assertTrue(d.fix().contains("overlay"), d.fix());
        assertEquals(List.of(), rules("overlay"));
    }

    @Test
    void the_userland_proxy_fires_when_ports_pass_through_one() {
        run("proxy", "docker", "tiny", ENV, new EngineConfig("overlay2", "2", "systemd", "runc", "bridge", true, "seccomp", "docker 20.10"));
        assertTrue(only("proxy", "userland_proxy").evidence().contains("bridge"));
    }

    @Test
    void cgroup_v1_fires_on_version_1() {
        run("v1", "docker", "tiny", ENV, new EngineConfig("overlay2", "1", "cgroupfs", "runc", "bridge", false, "seccomp", "docker 20.10"));
        assertEquals("low", only("v1", "cgroup_v1").severity());
    }

    @Test
    void too_few_resources_fires_on_one_cpu_or_too_little_memory_for_the_size() {
        run("onecpu", "native", "tiny", new Environment("Debian", "6.1", "cpu", 1, 24L << 30, "go", "", "", "0", "abc"), EngineConfig.NONE);
        run("smallmem", "native", "large", new Environment("Debian", "6.1", "cpu", 2, 3L << 30, "go", "", "", "0", "abc"), EngineConfig.NONE);
        run("enough", "native", "tiny", new Environment("Debian", "6.1", "cpu", 2, 3L << 30, "go", "", "", "0", "abc"), EngineConfig.NONE);
        assertTrue(only("onecpu", "too_few_resources").evidence().contains("1 CPUs"));
        assertTrue(only("smallmem", "too_few_resources").evidence().contains("needs at least 2 CPUs and 4 GiB"));
        assertEquals(List.of(), rules("enough"));
    }

    @Test
    void a_busy_machine_fires_on_cpu_used_outside_the_job_or_on_steal_but_not_on_the_jobs_own_load() {
        run("competed", "native", "tiny", ENV, EngineConfig.NONE);
        run("spiked", "native", "tiny", ENV, EngineConfig.NONE);
        run("stolen", "native", "tiny", ENV, EngineConfig.NONE);
        run("ownload", "native", "tiny", ENV, EngineConfig.NONE);
        run("unread", "native", "tiny", ENV, EngineConfig.NONE);
        // 30 of 200 ticks and 10 of 200: 20% of the CPUs over the run, 30% at worst, in sh[42]
        store.recordMachineLoad("competed", new SampleStore.LoadReading(1.0, 0.0, 60L, 200L, "sh[42]", 0L));
        store.recordMachineLoad("competed", new SampleStore.LoadReading(4.5, null, 20L, 200L, "cc1[7]", 0L));
        // one iteration of three mostly foreign: 61/300 = 20.3% over the run would fire anyway; 55 of 100 in one is the spike
        store.recordMachineLoad("spiked", new SampleStore.LoadReading(1.0, 0.0, 55L, 100L, "gzip[9]", 0L));
        store.recordMachineLoad("spiked", new SampleStore.LoadReading(1.0, 0.0, 0L, 400L, null, 0L));
        store.recordMachineLoad("spiked", new SampleStore.LoadReading(1.0, 0.0, 0L, 500L, null, 0L));
        store.recordMachineLoad("stolen", new SampleStore.LoadReading(0.5, 12.0, 0L, 100L, null, 12L));
        // one short iteration with 5.2% stolen in a run that lost 0.9% in all: noise, not a busy machine
        run("stealspike", "native", "tiny", ENV, EngineConfig.NONE);
        store.recordMachineLoad("stealspike", new SampleStore.LoadReading(2.3, 5.2, 0L, 100L, null, 5L));
        store.recordMachineLoad("stealspike", new SampleStore.LoadReading(2.3, 0.5, 0L, 900L, null, 4L));
        // a load average of 5.3 on 2 CPUs from the job's own builds, with 2% of the CPUs elsewhere: no warning
        store.recordMachineLoad("ownload", new SampleStore.LoadReading(5.3, 1.0, 2L, 100L, "sshd[3]", 0L));
        store.recordMachineLoad("unread", new SampleStore.LoadReading(5.3, 1.0, null, null, null, null));
        // a run from before the sums were kept: its worst iteration's steal decides
        run("legacy", "native", "tiny", ENV, EngineConfig.NONE);
        store.recordMachineLoad("legacy", new SampleStore.LoadReading(0.5, 12.0, null, null, null, null));
        String competed = only("competed", "busy_machine").evidence();
        assertTrue(competed.contains("processes outside the job used 20.0% of the CPUs during its iterations (up to 30.0% in one, most: sh[42])"),
                competed);
        assertTrue(competed.contains("load average (1 min, the job's own work included) up to 4.5 on 2 CPUs"), competed);
        assertTrue(only("spiked", "busy_machine").evidence().contains("up to 55.0% in one, most: gzip[9]"),
                only("spiked", "busy_machine").evidence());
        assertTrue(only("stolen", "busy_machine").evidence().contains("the hypervisor stole 12.0% of the CPU time (up to 12.0% in one iteration)"),
                only("stolen", "busy_machine").evidence());
        assertEquals(List.of(), rules("stealspike"));
        assertEquals(List.of(), rules("ownload"));
        assertEquals(List.of(), rules("unread"));
        assertTrue(only("legacy", "busy_machine").evidence().contains("CPU steal up to 12.0%"), only("legacy", "busy_machine").evidence());
    }

    @Test
    void frequency_scaling_fires_on_a_governor_other_than_performance() {
        run("ondemand", "native", "tiny", ENV, EngineConfig.NONE);
        run("perf", "native", "tiny", ENV, EngineConfig.NONE);
        store.setCpuGovernor("ondemand", "ondemand");
        store.setCpuGovernor("perf", "performance");
        assertTrue(only("ondemand", "cpu_frequency_scaling").evidence().contains("ondemand"));
        assertEquals(List.of(), rules("perf"));
    }
}
