package probelab.runtime;

import probelab.process.Exec;
import probelab.process.FileTrees;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The development loop in a long-running dev container, as dev containers and compose set-ups run it: the project
 * bind-mounted at /src, GOCACHE in the cell's build cache (a named volume), the port published on loopback, and
 * reflex inside rebuilding and restarting {@code go run} on every change it sees across the mount.
 */
final class OciDevLoops {
    private final OciCli cli;

    OciDevLoops(OciCli cli) {
        this.cli = cli;
    }

    /** {@code localImage}: probelab's own Go image, which has no C library, so reflex's are mounted from the host. */
    Runtime.DevLoop start(String goTag, boolean localImage, Path projectDir, String serveTarget,
                          OciBuildCaches.ContainerCache cache, int hostPort, String jobId) throws RuntimeFailure {
        String why = DevWatcher.unavailable();
        if (why != null) throw new RuntimeFailure(why);
        Path src = projectDir.toAbsolutePath().normalize();
        try {
            // a rootless engine reads and writes as a mapped uid (go run may update go.sum)
            FileTrees.openToOthers(src, true);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot open " + src + " to the dev container's user: " + e.getMessage(), e);
        }
        String name = "probelab-dev-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(OciLabels.args(jobId));
        args.addAll(List.of("-p", "127.0.0.1:" + hostPort + ":" + OciServerContainers.CONTAINER_PORT));
        args.addAll(List.of("-v", src + ":/src", "-w", "/src"));
        args.addAll(localImage ? DevWatcher.mountArgs() : List.of("-v", DevWatcher.REFLEX + ":" + DevWatcher.IN_CONTAINER + ":ro"));
        args.addAll(OciBuilds.goMountsAndEnv(src, cache, Map.of()));
        args.add(goTag);
        List<String> watcher = DevWatcher.argv(DevWatcher.IN_CONTAINER, "go", serveTarget, ":" + OciServerContainers.CONTAINER_PORT);
        args.addAll(watcher);
        Exec.Result r = cli.run(args, OciCli.TIMEOUT_MILLIS);
        if (!r.ok()) {
            cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", name);
            throw new RuntimeFailure("cannot start the dev container: " + r.reason());
        }
        return new Loop(name, String.join(" ", cli.command(args)));
    }

    private final class Loop implements Runtime.DevLoop {
        private final String name;
        private final String command;

        Loop(String name, String command) {
            this.name = name;
            this.command = command;
        }

        @Override
        public String command() {
            return command;
        }

        @Override
        public boolean alive() {
            try {
                Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "inspect", "-f", "{{.State.Running}}", name);
                return r.ok() && r.stdout().strip().equals("true");
            } catch (RuntimeFailure e) {
                return false;
            }
        }

        @Override
        public String recentOutput() {
            try {
                Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "logs", "--tail", "30", name);
                return (r.stdout() + r.stderr()).strip();
            } catch (RuntimeFailure e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            try {
                cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", name);
            } catch (RuntimeFailure ignored) {
                // removeLeftovers removes labelled containers this could not
            }
        }
    }
}
