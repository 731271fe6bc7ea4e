package probelab.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * How a runtime is used while its server is measured: the load (connections, endpoint, closed or open loop), the
 * container's limits and the network path. The ids are what users type ({@code --scenario cpus=0.5}), what runs
 * store ({@code runs.scenario}) and what the report filters on. Which runtimes a scenario applies to is the runtime's
 * to say ({@code Runtime.scenarioNotApplicable}); elsewhere the run is marked not applicable with the reason.
 */
public enum Scenario {
    DEFAULT("default", Load.ONE, Limits.NONE, Network.DEFAULT,
            "One keep-alive connection in a closed loop on the tiny / endpoint, no limits, the engine's default network path."),
    CONNS_16("conns=16", Load.closed(16, Endpoint.ECHO), Limits.NONE, Network.DEFAULT,
            "16 keep-alive connections in a closed loop (as go-http-bench in article 000): throughput and tail latency under load."),
    CONNS_64("conns=64", Load.closed(64, Endpoint.ECHO), Limits.NONE, Network.DEFAULT,
            "64 keep-alive connections in a closed loop."),
    OPEN_16("conns=16,rate=0.5", new Load(16, Endpoint.ECHO, 0.5), Limits.NONE, Network.DEFAULT,
            "Open loop: 16 connections sending at a constant total rate of half the closed-loop maximum measured just before, "
                    + "latency counted from each request's intended send time (no coordinated omission, as wrk2)."),
    LOAD_JSON("load=json", Load.closed(16, Endpoint.JSON), Limits.NONE, Network.DEFAULT,
            "16 connections on /json (encodes a generated payload: CPU and allocation heavy), no limits: the reference for the limit scenarios."),
    CPUS_HALF("cpus=0.5", Load.closed(16, Endpoint.JSON), new Limits(0.5, null, false, false), Network.DEFAULT,
            "--cpus 0.5, GOMAXPROCS left to Go (before Go 1.25 it counts the host's CPUs, not the quota); 16 connections on /json."),
    CPUS_HALF_QUOTA("cpus=0.5,gomaxprocs=quota", Load.closed(16, Endpoint.JSON), new Limits(0.5, null, true, false), Network.DEFAULT,
            "--cpus 0.5 with GOMAXPROCS set to the quota rounded up (1); 16 connections on /json."),
    MEMORY_64M("memory=64m", Load.closed(16, Endpoint.JSON), new Limits(null, 64L << 20, false, false), Network.DEFAULT,
            "--memory 64m (no swap), GOMEMLIMIT unset: the GC does not know the limit; 16 connections on /json."),
    MEMORY_64M_LIMIT("memory=64m,gomemlimit=on", Load.closed(16, Endpoint.JSON), new Limits(null, 64L << 20, false, true), Network.DEFAULT,
            "--memory 64m with GOMEMLIMIT at 90% of it; 16 connections on /json."),
    NET_HOST("net=host", Load.ONE, Limits.NONE, Network.HOST,
            "--network host: no bridge, no published port, no proxy or NAT."),
    NET_DIRECT("net=bridge-direct", Load.ONE, Limits.NONE, Network.BRIDGE_DIRECT,
            "The bridge network, reached at the container's own IP: no published port, so no userland proxy and no DNAT."),
    NET_PASTA("net=pasta", Load.ONE, Limits.NONE, Network.PASTA,
            "Rootless Podman with pasta (passt) as its network and port forwarder."),
    NET_SLIRP("net=slirp4netns", Load.ONE, Limits.NONE, Network.SLIRP4NETNS,
            "Rootless Podman with slirp4netns (and its port handler) named explicitly.");

    /** Which handler the load hits. */
    public enum Endpoint {
        /** A fixed 18-byte reply: what the runtime's network path costs. */
        ECHO("/"),
        /** JSON encoding of a freshly generated payload: what CPU limits and the GC cost. */
        JSON("/json");

        public final String path;

        Endpoint(String path) {
            this.path = path;
        }
    }

    /** {@code openLoopFraction} null: a closed loop; else a constant rate at that fraction of the closed-loop maximum. */
    public record Load(int connections, Endpoint endpoint, Double openLoopFraction) {
        static final Load ONE = closed(1, Endpoint.ECHO);

        static Load closed(int connections, Endpoint endpoint) {
            return new Load(connections, endpoint, null);
        }

        public boolean openLoop() {
            return openLoopFraction != null;
        }
    }

    /**
     * Container limits and the Go settings that go with them; null: not limited. {@code gomaxprocsQuota}: GOMAXPROCS
     * is set to the CPU quota rounded up; {@code gomemlimit}: GOMEMLIMIT is set to 90% of the memory limit.
     */
    public record Limits(Double cpus, Long memoryBytes, boolean gomaxprocsQuota, boolean gomemlimit) {
        static final Limits NONE = new Limits(null, null, false, false);

        public boolean any() {
            return cpus != null || memoryBytes != null;
        }

        /** The environment the server gets for these limits (empty when Go is left to its defaults). */
        public java.util.Map<String, String> goEnv() {
            java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
            if (gomaxprocsQuota && cpus != null) env.put("GOMAXPROCS", Integer.toString((int) Math.ceil(cpus)));
            if (gomemlimit && memoryBytes != null) env.put("GOMEMLIMIT", Long.toString(memoryBytes * 9 / 10));
            return env;
        }
    }

    /** The network path from the load generator on this host to the server. */
    public enum Network {
        DEFAULT, HOST, BRIDGE_DIRECT, PASTA, SLIRP4NETNS
    }

    private final String id;
    private final Load load;
    private final Limits limits;
    private final Network network;
    private final String description;

    Scenario(String id, Load load, Limits limits, Network network, String description) {
        this.id = id;
        this.load = load;
        this.limits = limits;
        this.network = network;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Load load() {
        return load;
    }

    public Limits limits() {
        return limits;
    }

    public Network network() {
        return network;
    }

    public String description() {
        return description;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Scenario::id).toList();
    }

    /** The scenario with this id; an {@link UnknownNameException} listing the valid ids otherwise. */
    public static Scenario parse(String id) {
        for (Scenario s : values()) if (s.id.equals(id)) return s;
        throw new UnknownNameException("scenario", id, ids());
    }
}
