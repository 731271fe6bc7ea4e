package probelab.runtime;

import probelab.catalog.DevLoopWay;
import probelab.process.Exec;
import probelab.process.FileTrees;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The development loop in containers, as dev containers and compose set-ups run it: a long-running dev container with
 * the project bind-mounted at /src, GOCACHE in the cell's build cache (a named volume) and the port published on
 * loopback, where reflex rebuilds and restarts {@code go run} on every change it sees across the mount (way watch), or
 * which the developer restarts after an edit (way restart); or a container of the project's image, which the developer
 * rebuilds and replaces after an edit (way image).
 */
final class OciDevLoops {
    private static final long BUILD_TIMEOUT_MILLIS = 10 * 60_000;

    private final OciCli cli;

    OciDevLoops(OciCli cli) {
        this.cli = cli;
    }

    /** Why {@code way} never runs in a container, or null. */
    static String notApplicable(DevLoopWay way) {
        return way == DevLoopWay.ENTR ? "entr reads the files to watch on stdin, which a detached dev container does not "
                + "have; the dev container's watcher is reflex (way watch)" : null;
    }

    /**
     * @param localImage probelab's own Go image, which has no C library, so the watcher's are mounted from the host
     * @param images     the image way's builder (its tags and labels are the job's), null for the other ways
     */
    Runtime.DevLoop start(DevLoopWay way, String goTag, boolean localImage, Runtime.DevProject project,
                          OciBuildCaches.ContainerCache cache, ImageBuilder images, int hostPort, String jobId) throws RuntimeFailure {
        String never = notApplicable(way);
        if (never != null) throw new RuntimeFailure(never);
        Path src = project.dir().toAbsolutePath().normalize();
        try {
            // a rootless engine reads and writes as a mapped uid (go run may update go.sum; the builder reads the context)
            FileTrees.openToOthers(src, true);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot open " + src + " to the dev container's user: " + e.getMessage(), e);
        }
        String name = "probelab-dev-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name));
        run.addAll(OciLabels.args(jobId));
        run.addAll(List.of("-p", "127.0.0.1:" + hostPort + ":" + OciServerContainers.CONTAINER_PORT));
        String listen = ":" + OciServerContainers.CONTAINER_PORT;
        if (way == DevLoopWay.IMAGE) {
            if (images == null || project.dockerfile() == null) throw new RuntimeFailure("the image way needs a Dockerfile and a builder");
            String tag = images.tag("dev-" + name.substring(name.lastIndexOf('-') + 1));
            run.addAll(List.of(tag, Runtime.DEV_IMAGE_SERVER, "-http", listen));
            List<Runtime.UserCommand> edit = List.of(images.buildCommand(src, project.dockerfile(), tag),
                    user(List.of("rm", "-f", name)), user(run));
            Loop loop = new Loop(name, edit, tag, images);
            runAll(loop, edit.subList(0, 1), BUILD_TIMEOUT_MILLIS, "cannot build the dev image");
            runAll(loop, edit.subList(2, 3), OciCli.TIMEOUT_MILLIS, "cannot start the dev image's container");
            return loop;
        }
        run.addAll(List.of("-v", src + ":/src", "-w", "/src"));
        List<String> serve = List.of("go", "run", project.serveTarget(), "-http", listen);
        if (way == DevLoopWay.WATCH) {
            DevWatcher watcher = DevWatcher.REFLEX;
            String why = watcher.unavailable();
            if (why != null) throw new RuntimeFailure(why);
            run.addAll(localImage ? watcher.mountArgs() : List.of("-v", watcher.hostPath() + ":" + watcher.inContainer() + ":ro"));
            run.addAll(OciBuilds.goMountsAndEnv(src, cache, Map.of()));
            run.add(goTag);
            run.addAll(watcher.argv(watcher.inContainer(), "go", project.serveTarget(), listen));
        } else {
            run.addAll(OciBuilds.goMountsAndEnv(src, cache, Map.of()));
            run.add(goTag);
            run.addAll(serve);
        }
        List<Runtime.UserCommand> edit = way == DevLoopWay.RESTART ? List.of(user(List.of("restart", "-t", "0", name))) : List.of();
        Loop loop = new Loop(name, edit, null, null);
        Exec.Result r = cli.run(run, OciCli.TIMEOUT_MILLIS);
        if (!r.ok()) {
            loop.close();
            throw new RuntimeFailure("cannot start the dev container: " + r.reason());
        }
        String edits = loop.command;
        loop.command = String.join(" ", cli.command(run)) + (edits.isEmpty() ? "" : "; after each edit: " + edits);
        return loop;
    }

    private Runtime.UserCommand user(List<String> args) throws RuntimeFailure {
        return new Runtime.UserCommand(cli.command(args), cli.workingDir(), cli.environment());
    }

    private static void runAll(Loop loop, List<Runtime.UserCommand> commands, long timeoutMillis, String what) throws RuntimeFailure {
        for (Runtime.UserCommand c : commands) {
            Exec.Result r = Exec.run(c.argv(), c.dir(), c.env(), timeoutMillis);
            if (!r.ok()) {
                loop.close();
                throw new RuntimeFailure(what + ": " + r.reason());
            }
        }
    }

    private final class Loop implements Runtime.DevLoop {
        private final String name;
        private final List<Runtime.UserCommand> editCommands;
        private final String imageTag;
        private final ImageBuilder images;
        private String command;

        Loop(String name, List<Runtime.UserCommand> editCommands, String imageTag, ImageBuilder images) {
            this.name = name;
            this.editCommands = editCommands;
            this.imageTag = imageTag;
            this.images = images;
            List<String> lines = new ArrayList<>();
            for (Runtime.UserCommand c : editCommands) lines.add(String.join(" ", c.argv()));
            this.command = String.join(" && ", lines);
        }

        @Override
        public String command() {
            return command;
        }

        @Override
        public List<Runtime.UserCommand> editCommands() {
            return editCommands;
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
            if (imageTag != null) images.remove(imageTag);
        }
    }
}
