package probelab.runtime;

import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The development loop on the host without a watcher: after each edit the developer stops the server, builds it and
 * starts it again ({@code go build -o BIN TARGET && BIN}), the server stopped and started by Debian's
 * {@code start-stop-daemon} through a pidfile. The same three commands start the loop (outside any interval) and
 * follow every edit ({@link #editCommands}), so an independent timing can run them as they are.
 */
final class NativeRestartLoop implements Runtime.DevLoop {
    /** Debian's (dpkg) daemon starter: stops and starts by pidfile, detaches, keeps the output in a file. */
    static final Path START_STOP_DAEMON = Path.of("/usr/sbin/start-stop-daemon");
    private static final long COMMAND_TIMEOUT_MILLIS = 120_000;

    private final Path dir;
    private final Path pidFile;
    private final Path log;
    private final List<Runtime.UserCommand> commands;

    private NativeRestartLoop(Path dir, Path pidFile, Path log, List<Runtime.UserCommand> commands) {
        this.dir = dir;
        this.pidFile = pidFile;
        this.log = log;
        this.commands = commands;
    }

    /** Builds and starts the server once; the loop's first answer is then awaited by the caller. */
    static NativeRestartLoop start(Toolchain toolchain, Path projectDir, String serveTarget, Path gocache, int hostPort,
                                   String jobId, Path scratchDir) throws RuntimeFailure {
        if (!Files.isExecutable(START_STOP_DAEMON)) {
            throw new RuntimeFailure(START_STOP_DAEMON + " is missing (Debian's dpkg package has it)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(scratchDir), "devloop-restart-");
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create the restart loop's directory: " + e.getMessage(), e);
        }
        Path bin = dir.resolve("server"), pidFile = dir.resolve("server.pid"), log = dir.resolve("server.log");
        Map<String, String> env = NativeDevLoop.environment(toolchain, gocache, projectDir, jobId);
        // as at a terminal: the running server stopped (Ctrl-C), then `go build -o BIN . && BIN`; the build gives the old
        // server the milliseconds it needs to close its port, so nothing waits on its pid (an orphan stays a zombie
        // until PID 1 reaps it, which here took 1-2 s and would have been counted)
        List<Runtime.UserCommand> commands = List.of(
                new Runtime.UserCommand(stop(pidFile), projectDir, Map.of()),
                new Runtime.UserCommand(List.of(toolchain.goBinary().toString(), "build", "-o", bin.toString(), serveTarget),
                        projectDir, env),
                // the server inherits the marker, so that a sweep finds it when the job was killed
                new Runtime.UserCommand(List.of(START_STOP_DAEMON.toString(), "--start", "--background", "--make-pidfile",
                        "--pidfile", pidFile.toString(), "--output", log.toString(), "--chdir", projectDir.toString(),
                        "--exec", bin.toString(), "--", "-http", "127.0.0.1:" + hostPort), projectDir, env));
        NativeRestartLoop loop = new NativeRestartLoop(dir, pidFile, log, commands);
        for (Runtime.UserCommand c : commands) {
            Exec.Result r = Exec.run(c.argv(), c.dir(), c.env(), COMMAND_TIMEOUT_MILLIS);
            if (!r.ok()) {
                loop.close();
                throw new RuntimeFailure("cannot start the restart loop: " + r.reason());
            }
        }
        return loop;
    }

    /** Sends TERM to the server named in the pidfile without waiting; nothing running is not an error. */
    private static List<String> stop(Path pidFile) {
        return List.of(START_STOP_DAEMON.toString(), "--stop", "--pidfile", pidFile.toString(), "--oknodo", "--remove-pidfile");
    }

    @Override
    public List<Runtime.UserCommand> editCommands() {
        return commands;
    }

    @Override
    public String command() {
        List<String> lines = new ArrayList<>();
        for (Runtime.UserCommand c : commands) lines.add(String.join(" ", c.argv()));
        return String.join(" && ", lines);
    }

    @Override
    public boolean alive() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false; // no pidfile: the server was never started, or is being restarted right now
        }
    }

    @Override
    public String recentOutput() {
        return NativeDevLoop.tail(log);
    }

    @Override
    public void close() {
        Exec.run(stop(pidFile), dir, Map.of(), 15_000);
        FileTrees.deleteBestEffort(dir);
    }
}
