package probelab.runtime;

import probelab.catalog.Scenario;
import probelab.process.Exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
     * Starts a container of {@code echoTag} the way a user does, with ONE {@code run -d -p ...}, and returns without
     * waiting for the server to answer. The engine's event stream for this container is opened (and left to settle)
     * before the run is issued, so the phases come from the engine's own timestamps and no CLI call of probelab's
     * lands inside the measured interval.
     */
    Runtime.Server start(String echoTag, int hostPort, String jobId, Scenario scenario) throws RuntimeFailure {
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        List<String> runArgs = new ArrayList<>(List.of("run", "-d", "--name", "probelab-" + token));
        runArgs.addAll(OciLabels.args(jobId));
        runArgs.addAll(List.of("--label", OciLabels.START_LABEL + "=" + token));
        List<String> userArgs = scenarioArgs(scenario, hostPort);
        runArgs.addAll(userArgs);
        runArgs.add(echoTag);
        // with the host's network there is no port to publish: the server listens on the host port itself
        List<String> command = scenario.network() == Scenario.Network.HOST ? List.of("-addr", "127.0.0.1:" + hostPort) : List.of();
        runArgs.addAll(command);
        OciEventStream events = OciEventStream.open(cli, OciLabels.START_LABEL, token);
        try {
            Thread.sleep(OciEventStream.SETTLE_MILLIS);
        } catch (InterruptedException e) {
            events.close();
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted before the server start");
        }
        long issuedNanos = System.nanoTime();
        Instant issuedAt = Instant.now();
        Exec.Result run = cli.run(runArgs, OciCli.TIMEOUT_MILLIS);
        if (!run.ok()) {
            events.close();
            cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", "probelab-" + token);
            throw new RuntimeFailure("cannot start the server container: " + run.reason());
        }
        String[] lines = run.stdout().strip().split("\n");
        String containerId = lines[lines.length - 1].strip();
        String described = cli.spec().cli() + " run -d " + String.join(" ", userArgs) + " " + echoTag
                + (command.isEmpty() ? "" : " " + String.join(" ", command));
        return new ContainerServer(containerId, events, issuedNanos, epochNanos(issuedAt), described,
                scenario.network() == Scenario.Network.BRIDGE_DIRECT);
    }

    /** The run flags a user would type for the scenario: limits, the Go settings that go with them, the network. */
    static List<String> scenarioArgs(Scenario scenario, int hostPort) {
        List<String> args = new ArrayList<>();
        Scenario.Limits limits = scenario.limits();
        if (limits.cpus() != null) args.addAll(List.of("--cpus", java.math.BigDecimal.valueOf(limits.cpus()).toPlainString()));
        if (limits.memoryBytes() != null) {
            // the same figure for memory and memory+swap: no swap, so the limit is the limit
            String bytes = Long.toString(limits.memoryBytes());
            args.addAll(List.of("--memory", bytes, "--memory-swap", bytes));
        }
        limits.goEnv().forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        String publish = "127.0.0.1:" + hostPort + ":" + CONTAINER_PORT;
        switch (scenario.network()) {
            case DEFAULT -> args.addAll(List.of("-p", publish));
            case HOST -> args.addAll(List.of("--network", "host"));
            case BRIDGE_DIRECT -> { } // the default bridge, reached at the container's own address: nothing published
            case PASTA -> args.addAll(List.of("--network", "pasta", "-p", publish));
            case SLIRP4NETNS -> args.addAll(List.of("--network", "slirp4netns", "-p", publish));
        }
        return args;
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * Phases of one start from the engine's event times: create (issuing the command to the engine's create event:
     * CLI start, request, container setup), start (create event to start event: the OCI runtime starts the process),
     * ready (start event to the first HTTP 200: the server's own start plus port forwarding). A phase that would be
     * negative (the engine's clock is not this host's, e.g. a VM) is left out rather than reported wrong.
     */
    static Map<String, Double> phases(long issuedEpochNanos, Map<String, Long> eventEpochNanos, long readyEpochNanos) {
        Map<String, Double> phases = new LinkedHashMap<>();
        Long create = eventEpochNanos.get("create");
        Long start = eventEpochNanos.get("start");
        if (create != null && create >= issuedEpochNanos) phases.put("create", (create - issuedEpochNanos) / 1e6);
        if (create != null && start != null && start >= create) phases.put("start", (start - create) / 1e6);
        if (start != null && readyEpochNanos >= start) phases.put("ready", (readyEpochNanos - start) / 1e6);
        return Collections.unmodifiableMap(phases);
    }

    /** A started server container; {@link #close()} removes it. */
    private final class ContainerServer implements Runtime.Server {
        private static final long EVENTS_WAIT_MILLIS = 5_000;
        private final String containerId;
        private final OciEventStream events;
        private final long issuedAtNanos;
        private final long issuedEpochNanos;
        private final String startCommand;
        private final boolean direct;
        private volatile java.net.InetSocketAddress directAddress;
        private volatile long pid;
        private volatile boolean running = true;
        private volatile long checkedAtNanos = System.nanoTime();
        private CompletableFuture<Void> check;

        ContainerServer(String containerId, OciEventStream events, long issuedAtNanos, long issuedEpochNanos,
                        String startCommand, boolean direct) {
            this.direct = direct;
            this.containerId = containerId;
            this.events = events;
            this.issuedAtNanos = issuedAtNanos;
            this.issuedEpochNanos = issuedEpochNanos;
            this.startCommand = startCommand;
        }

        @Override
        public long issuedAtNanos() {
            return issuedAtNanos;
        }

        @Override
        public String startCommand() {
            return startCommand;
        }

        @Override
        public Map<String, Double> startPhasesMillis(long readyAtNanos) {
            Map<String, Long> seen = events.await(Set.of("create", "start"), EVENTS_WAIT_MILLIS);
            events.close();
            return phases(issuedEpochNanos, seen, issuedEpochNanos + (readyAtNanos - issuedAtNanos));
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
            return memory.read(containerId, pid);
        }

        @Override
        public void locateProcess() {
            try {
                if (pid <= 0) pid = memory.serverPid(containerId).orElse(-1);
            } catch (RuntimeFailure e) {
                pid = -1; // memory() looks again, and says why when it cannot
            }
        }

        /** The container's own IP on the bridge when it publishes nothing; 127.0.0.1 and the host port otherwise. */
        @Override
        public java.net.InetSocketAddress address(int hostPort) {
            if (!direct) return Runtime.Server.super.address(hostPort);
            if (directAddress == null) {
                try {
                    Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "inspect", "--format",
                            "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", containerId);
                    String ip = r.ok() ? r.stdout().strip().split("\\s+")[0] : "";
                    if (!ip.isEmpty()) directAddress = new java.net.InetSocketAddress(ip, CONTAINER_PORT);
                } catch (RuntimeFailure e) {
                    return new java.net.InetSocketAddress("127.0.0.1", hostPort); // nothing listens there: readiness says so
                }
            }
            return directAddress == null ? new java.net.InetSocketAddress("127.0.0.1", hostPort) : directAddress;
        }

        @Override
        public java.util.Optional<CgroupCounters> cgroup() {
            locateProcess();
            return pid <= 0 ? java.util.Optional.empty() : CgroupCounters.of(pid);
        }

        @Override
        public void close() {
            events.close();
            try {
                cli.run(OciCli.TIMEOUT_MILLIS, "rm", "-f", containerId);
            } catch (RuntimeFailure ignored) {
                // removeLeftovers at the end of the job catches what this could not remove
            }
        }
    }
}
