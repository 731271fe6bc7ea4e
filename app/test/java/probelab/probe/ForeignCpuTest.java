package probelab.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CPU time outside a job: the job's own processes and the engines' trees are not competition, anything else is. */
class ForeignCpuTest {
    private static final ForeignCpu.Owners OWNERS = new ForeignCpu.Owners(100, Set.of("containerd-shim-runc-v2", "conmon"));

    /** A /proc/PID/stat line with the fields this reads (the rest zero). */
    private static String stat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {
        return pid + " (" + comm + ") S " + ppid + " 0 0 0 -1 0 0 0 0 0 " + utime + " " + stime + " " + cutime + " " + cstime
                + " 20 0 1 0 0 0 0";
    }

    @Test
    void a_stat_line_is_read_past_a_name_with_spaces_and_parentheses() {
        ForeignCpu.Stat s = ForeignCpu.parseStat(stat(42, "a (b) c", 7, 10, 5, 3, 2));
        assertEquals(new ForeignCpu.Stat(42, "a (b) c", 7, 15), s);
    }

    @Test
    void the_jobs_descendants_the_engines_trees_and_the_kernels_threads_are_not_foreign_and_reaped_childrens_time_is_left_out() {
        Map<Long, ForeignCpu.Stat> all = Map.of(
                1L, ForeignCpu.parseStat(stat(1, "process_api", 0, 5, 5, 900, 100)),
                2L, ForeignCpu.parseStat(stat(2, "kthreadd", 0, 0, 1, 0, 0)),
                30L, ForeignCpu.parseStat(stat(30, "kworker/0:1", 2, 50, 50, 0, 0)),
                100L, ForeignCpu.parseStat(stat(100, "java", 1, 500, 100, 0, 0)),
                101L, ForeignCpu.parseStat(stat(101, "go", 100, 300, 30, 0, 0)),
                102L, ForeignCpu.parseStat(stat(102, "compile", 101, 200, 10, 0, 0)),
                200L, ForeignCpu.parseStat(stat(200, "containerd-shim", 1, 3, 3, 0, 0)),
                201L, ForeignCpu.parseStat(stat(201, "echo", 200, 70, 30, 0, 0)),
                300L, ForeignCpu.parseStat(stat(300, "bash", 1, 1, 1, 40, 10)),
                301L, ForeignCpu.parseStat(stat(301, "sh", 300, 400, 0, 0, 0)));
        Map<Long, ForeignCpu.Proc> foreign = ForeignCpu.foreign(all, OWNERS);
        assertEquals(Map.of(1L, new ForeignCpu.Proc("process_api", 10), 300L, new ForeignCpu.Proc("bash", 2),
                301L, new ForeignCpu.Proc("sh", 400)), foreign);
    }

    @Test
    void a_share_counts_what_each_foreign_process_used_since_the_first_snapshot_and_names_the_busiest() {
        var before = new ForeignCpu.Snapshot(new MachineLoad.CpuTimes(1_000, 0), Map.of(1L, new ForeignCpu.Proc("init", 10), 5L, new ForeignCpu.Proc("sh", 100),
                6L, new ForeignCpu.Proc("gone", 50), 7L, new ForeignCpu.Proc("old", 70)));
        // 5 used 60, 8 is new (all 30 of its ticks count), 7 is another process with a reused pid (its 20 count)
        var after = new ForeignCpu.Snapshot(new MachineLoad.CpuTimes(1_400, 0), Map.of(1L, new ForeignCpu.Proc("init", 10), 5L, new ForeignCpu.Proc("sh", 160),
                8L, new ForeignCpu.Proc("make", 30), 7L, new ForeignCpu.Proc("new", 20)));
        ForeignCpu.Share share = ForeignCpu.since(before, after);
        assertEquals(new ForeignCpu.Share(110, 400, "sh[5]"), share);
        assertEquals(27.5, share.pct(), 1e-9);
    }

    /** Starts {@code sh -c 'while :; do :; done'} through a shell that exits at once, so init adopts it: not our child. */
    static long orphanBusyLoop() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("sh", "-c", "sh -c 'while :; do :; done' >/dev/null 2>&1 & echo $!"))
                .redirectErrorStream(true).start();
        String pid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return Long.parseLong(pid);
    }

    @Test
    void a_busy_loop_outside_the_job_is_seen_and_the_same_loop_as_the_jobs_child_is_not() throws Exception {
        var owners = new ForeignCpu.Owners(ProcessHandle.current().pid(), Set.of());
        long orphan = orphanBusyLoop();
        ForeignCpu.Snapshot before, after;
        try {
            assertTrue(ProcessHandle.of(orphan).flatMap(ProcessHandle::parent).map(h -> h.pid() != ProcessHandle.current().pid())
                    .orElse(true), "the loop is not this process's child");
            before = ForeignCpu.take(owners).orElseThrow();
            Thread.sleep(1_500); // the interval measured, not a wait for readiness
            after = ForeignCpu.take(owners).orElseThrow();
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
        ForeignCpu.Share outside = ForeignCpu.since(before, after);
        long loopTicks = after.foreign().get(orphan).ticks() - before.foreign().get(orphan).ticks();
        // one core of two spinning: about 50% of the machine alone, 17% beside a whole test suite run on the same two
        // cores; whatever else runs beside this test is foreign too, so the share is at least the loop's
        assertTrue(loopTicks > 0.05 * outside.totalTicks(), "the loop's " + loopTicks + " ticks of " + outside);
        assertTrue(outside.foreignTicks() >= loopTicks, outside.toString());

        Process own = new ProcessBuilder(List.of("sh", "-c", "while :; do :; done")).start();
        try {
            var whileOwn = ForeignCpu.take(owners).orElseThrow();
            assertFalse(whileOwn.foreign().containsKey(own.pid()), "the job's own loop is not foreign");
            assertFalse(whileOwn.foreign().containsKey(ProcessHandle.current().pid()), "nor is the job itself");
        } finally {
            own.destroyForcibly().waitFor();
        }
    }
}
