package probelab.runtime;

import probelab.catalog.DevLoopWay;
import probelab.process.FileTrees;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The development loop on the host with a file watcher: reflex, or entr fed the project's .go files on stdin, runs
 * {@code go run} of the project and restarts it on every change. Its processes carry {@link #MARKER} in their
 * environment, so that a sweep finds what a killed job left running (the restart way's servers too).
 */
final class NativeDevLoop implements Runtime.DevLoop {
    /** Environment variable {@code JOBID:PID} (PID: the probelab process that started the loop) in every process of a loop. */
    static final String MARKER = "PROBELAB_DEVLOOP";
    private static final int OUTPUT_TAIL_CHARS = 1500;

    private final Process process;
    private final Path log;
    private final String command;

    private NativeDevLoop(Process process, Path log, String command) {
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /** Starts the watcher of {@code way} (watch: reflex, entr: entr) on {@code projectDir}. */
    static NativeDevLoop start(DevLoopWay way, Toolchain toolchain, Path projectDir, String serveTarget, Path gocache,
                               int hostPort, String jobId, Path scratchDir) throws RuntimeFailure {
        DevWatcher watcher = DevWatcher.of(way);
        String why = watcher.unavailable();
        if (why != null) throw new RuntimeFailure(why);
        List<String> argv = watcher.argv(watcher.hostPath().toString(), toolchain.goBinary().toString(), serveTarget,
                "127.0.0.1:" + hostPort);
        try {
            Files.createDirectories(scratchDir);
            Path log = Files.createTempFile(scratchDir, "devloop-", ".log");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(projectDir.toFile());
            pb.environment().putAll(environment(toolchain, gocache, projectDir, jobId));
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            String command = String.join(" ", argv);
            Path list = null;
            if (watcher.readsFileList()) {
                // entr watches the files it is given on stdin, as `find . -name '*.go' | entr -r ...` gives them
                list = Files.createTempFile(scratchDir, "devloop-files-", ".txt");
                Files.write(list, goFiles(projectDir));
                pb.redirectInput(list.toFile());
                command = "find . -name '*.go' | " + command;
            }
            try {
                return new NativeDevLoop(pb.start(), log, command);
            } finally {
                // the watcher holds its stdin open: the list's name is no longer needed once it has started
                if (list != null) FileTrees.deleteBestEffort(list);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot start " + watcher.hostPath() + ": " + e.getMessage(), e);
        }
    }

    /** The environment of every process of a native loop: the build's, and the sweep's {@link #MARKER}. */
    static Map<String, String> environment(Toolchain toolchain, Path gocache, Path projectDir, String jobId) {
        Map<String, String> env = new HashMap<>(NativeRuntime.buildEnv(toolchain, gocache, projectDir));
        env.put(MARKER, jobId + ":" + ProcessHandle.current().pid());
        return env;
    }

    /** The project's .go files, relative to it, in a stable order. */
    private static List<String> goFiles(Path projectDir) throws IOException {
        try (Stream<Path> files = Files.walk(projectDir)) {
            return files.filter(p -> p.toString().endsWith(".go") && Files.isRegularFile(p))
                    .map(p -> "./" + projectDir.relativize(p)).sorted().toList();
        }
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public String recentOutput() {
        return tail(log);
    }

    /** The last lines of a native loop's log: what a failed sample quotes. */
    static String tail(Path log) {
        try {
            String all = Files.readString(log, StandardCharsets.UTF_8);
            return all.length() <= OUTPUT_TAIL_CHARS ? all.strip() : all.substring(all.length() - OUTPUT_TAIL_CHARS).strip();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        // go run and the server are reflex's children: stop them first, or the server keeps its port
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileTrees.deleteBestEffort(log);
    }

    /**
     * Kills the loops of {@code jobId} (of any job whose probelab process is gone, when null) that are still running,
     * found by the {@link #MARKER} in their environment.
     */
    static void removeLeftovers(String jobId) {
        ProcFs.withEnvironmentVariable(MARKER).forEach((pid, marker) -> {
            int colon = marker.lastIndexOf(':');
            String job = colon < 0 ? marker : marker.substring(0, colon);
            long owner = colon < 0 ? -1 : parseOrMinus(marker.substring(colon + 1));
            boolean orphan = owner < 0 || ProcessHandle.of(owner).isEmpty();
            if (jobId == null ? orphan : jobId.equals(job)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        });
    }

    private static long parseOrMinus(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
