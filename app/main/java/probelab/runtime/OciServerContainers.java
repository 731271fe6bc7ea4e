package probelab.runtime;

import probelab.process.Exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Starts the echo server as a labelled container with a published loopback port, and watches and removes it. */
final class OciServerContainers {
    /** The port the echo image listens on inside the container (its entrypoint's -addr). */
    static final int CONTAINER_PORT = 8080;
    private static final long ALIVE_RECHECK_NANOS = 500_000_000L;

    private final OciCli cli;
    private final OciContainerMemory memory;

    OciServerContainers(OciCli cli, OciContainerMemory memory) {
        this.cli = cli;
        this.memory = memory;
    }

    /**
     * Creates and starts a container of {@code echoTag} as two CLI calls, so the start has two phases to report;
     * returns without waiting for the server to answer.
     */
    Runtime.Server start(String echoTag, int hostPort, String jobId) throws RuntimeFailure {
        List<String> createArgs = new ArrayList<>(List.of("create"));
        createArgs.addAll(OciLabels.args(jobId));
        createArgs.addAll(List.of("-p", "127.0.0.1:" + hostPort + ":" + CONTAINER_PORT, echoTag));
        Exec.Result create = cli.run(createArgs, OciCli.TIMEOUT_MILLIS);
        if (!create.ok()) throw new RuntimeFailure("cannot create the server container: " + create.reason());
        String[] lines = create.stdout().strip().split("\n");
        String containerId = lines[lines.length - 1].strip();
        Exec.Result start = cli.run(OciCli.TIMEOUT_MILLIS, "start", containerId);
        if (!start.ok()) {
            cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", containerId);
            throw new RuntimeFailure("cannot start the server container: " + start.reason());
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("create", create.elapsedNanos() / 1e6);
        phases.put("start", start.elapsedNanos() / 1e6);
        return new ContainerServer(containerId, Collections.unmodifiableMap(phases));
    }

    /** A started server container; {@link #close()} removes it. */
    private final class ContainerServer implements Runtime.Server {
        private final String containerId;
        private final Map<String, Double> phases;
        private volatile boolean running = true;
        private volatile long checkedAtNanos = System.nanoTime();
        private CompletableFuture<Void> check;

        ContainerServer(String containerId, Map<String, Double> phases) {
            this.containerId = containerId;
            this.phases = phases;
        }

        @Override
        public Map<String, Double> startPhasesMillis() {
            return phases;
        }

        /**
         * Cheap: returns the last known state and refreshes it in the background at most every 0.5 s, because the
         * readiness loop calls this between polls and a blocking CLI call there would blur the cold start.
         */
        @Override
        public synchronized boolean alive() {
            long now = System.nanoTime();
            if (now - checkedAtNanos > ALIVE_RECHECK_NANOS && (check == null || check.isDone())) {
                checkedAtNanos = now;
                check = CompletableFuture.runAsync(() -> {
                    try {
                        Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "inspect", "--format", "{{.State.Running}}", containerId);
                        running = r.ok() && r.stdout().strip().equals("true");
                    } catch (RuntimeFailure e) {
                        running = false;
                    }
                });
            }
            return running;
        }

        @Override
        public Runtime.MemoryReading memory() throws RuntimeFailure {
            return memory.read(containerId);
        }

        @Override
        public void close() {
            try {
                cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", containerId);
            } catch (RuntimeFailure ignored) {
                // removeLeftovers at the end of the job catches what this could not remove
            }
        }
    }
}
