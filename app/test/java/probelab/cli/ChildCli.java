package probelab.cli;

import probelab.TestEnv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** probelab.cli.Main in a child JVM, as ./probelab runs it (the same -Xss16m), for tests of what a user sees and gets. */
final class ChildCli {
    private ChildCli() {
    }

    /** How a run ended: its exit status and everything it printed, stderr included. */
    record Outcome(int exit, String output) {
    }

    /** The command line, with stderr merged into stdout. */
    static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-Dprobelab.root=" + TestEnv.root(), "-cp", System.getProperty("java.class.path"), "probelab.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /**
     * Runs the command to its end; a run past {@code limit} is killed and fails the test with what it printed. The
     * output goes to a file rather than a pipe: reading a pipe blocks until the child closes it, deadline or not.
     */
    static Outcome run(Duration limit, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("probelab-cli-", ".log");
        try {
            Process p = builder(args).redirectOutput(log.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("probelab " + String.join(" ", args) + " still ran after " + limit + "; it printed:\n"
                        + text(log));
            }
            return new Outcome(p.exitValue(), text(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** As a terminal shows it: a byte that is not UTF-8 becomes a replacement character, not an exception. */
    private static String text(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
