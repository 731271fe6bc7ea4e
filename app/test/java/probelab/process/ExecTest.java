package probelab.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecTest {
    @Test
    void a_command_answers_with_its_exit_status_and_both_outputs() {
        Exec.Result r = Exec.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), 10_000);
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertTrue(!r.timedOut() && !r.ok());
    }

    @Test
    void a_child_left_running_with_the_output_open_delays_the_answer_by_seconds_not_for_ever() throws Exception {
        // the shell exits at once; the sleep it leaves behind holds stdout open for a minute
        List<String> command = List.of("sh", "-c", "sleep 60 & echo $!");
        long t0 = System.nanoTime();
        var timed = CompletableFuture.supplyAsync(() -> Exec.runTimed(command, null, Map.of(), 10_000));
        Exec.Result plain = Exec.run(command, 10_000);
        Exec.TimedResult lines = timed.get(60, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        try {
            assertEquals(0, plain.exitCode(), plain.reason());
            assertEquals(0, lines.result().exitCode(), lines.result().reason());
            assertEquals(1, lines.lines().size(), "what was printed before the shell exited: " + lines.lines());
            assertTrue(millis < 40_000, "both answered after " + millis + " ms, long before the sleep ends");
        } finally {
            for (String pid : List.of(plain.stdout().strip(), lines.result().stdout().strip())) {
                if (pid.matches("\\d+")) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
