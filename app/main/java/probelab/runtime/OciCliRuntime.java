package probelab.runtime;

import probelab.catalog.DevLoopWay;
import probelab.catalog.EngineConfig;
import probelab.catalog.Scenario;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A runtime reached through a docker-compatible CLI (docker with a context or socket, podman, nerdctl), possibly
 * as another user or through a wrapper such as {@code wsl.exe}. Everything that differs between runtimes is in
 * its {@link OciRuntimeSpec}; this class wires the parts that turn the spec into CLI calls, one per concern.
 */
public final class OciCliRuntime implements Runtime {
    private final OciCli cli;
    private final OciAvailability availability;
    private final OciEngineImages images;
    private final OciServerContainers servers;
    private final OciContainerMemory memory;
    private final OciBuildCaches caches;
    private final OciBuilds builds;
    private final OciLeftovers leftovers;
    private final OciEngineConfig config;
    private final OciImageBuilds imageBuilds;
    private final OciDevLoops devLoops;
    private final OciTrees trees;
    /**
     * The last availability check, for a few seconds: each check is one or two CLI calls (0.05-0.5 s), and the job page,
     * /runtimes and every job plan ask for all runtimes at once (the job page took ~0.8 s per view for its 14 runtimes).
     * An engine that stops is seen as down at most this late; a job's own commands fail at once with the engine's error.
     */
    private final com.github.benmanes.caffeine.cache.LoadingCache<Boolean, Availability> recentAvailability;

    /**
     * @param spec       what this runtime is and how it is reached
     * @param images     the shared maker of image filesystems (var/images)
     * @param scratchDir where bind-mounted build caches go (var/scratch)
     */
    public OciCliRuntime(OciRuntimeSpec spec, OciImages images, Path scratchDir) {
        this.cli = new OciCli(spec, scratchDir);
        this.availability = new OciAvailability(cli);
        this.images = new OciEngineImages(cli, images);
        this.memory = new OciContainerMemory(cli);
        this.servers = new OciServerContainers(cli, memory);
        this.caches = new OciBuildCaches(cli);
        this.builds = new OciBuilds(cli);
        this.leftovers = new OciLeftovers(cli);
        this.config = new OciEngineConfig(cli);
        this.imageBuilds = new OciImageBuilds(cli);
        this.devLoops = new OciDevLoops(cli);
        this.trees = new OciTrees(cli, builds);
        this.recentAvailability = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .expireAfterWrite(java.time.Duration.ofSeconds(AVAILABILITY_SECONDS)).build(k -> availability.check());
    }

    /** How long an availability check is reused. */
    static final long AVAILABILITY_SECONDS = 5;

    public OciRuntimeSpec spec() {
        return cli.spec();
    }

    @Override
    public String id() {
        return cli.spec().id();
    }

    @Override
    public String displayName() {
        return cli.spec().displayName();
    }

    @Override
    public Availability availability() {
        return recentAvailability.get(Boolean.TRUE);
    }

    @Override
    public void prepare(Toolchain toolchain, Path serverBinary, String jobId) throws RuntimeFailure {
        if (cli.viaRunuser()) {
            // the rootless CLI reads image tarballs and bind-mounts dirs under var/ as another user
            OciImages.worldReadable(cli.scratchDir().getParent());
        }
        memory.detectStatsSupport();
        images.prepare(toolchain, serverBinary, jobId);
    }

    @Override
    public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId) throws RuntimeFailure {
        return startServer(toolchain, serverBinary, hostPort, jobId, Scenario.DEFAULT);
    }

    @Override
    public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId, Scenario scenario)
            throws RuntimeFailure {
        return servers.start(images.of(toolchain).echoTag(), hostPort, jobId, scenario);
    }

    /**
     * Loads and limits apply everywhere (a limit the engine cannot enforce fails with its reason); network paths
     * only where the host can reach them.
     */
    @Override
    public String scenarioNotApplicable(Scenario scenario) {
        OciRuntimeSpec spec = cli.spec();
        boolean rootless = cli.viaRunuser() || spec.id().contains("rootless");
        boolean inVm = spec.memorySource() == OciRuntimeSpec.MemorySource.STATS;
        return switch (scenario.network()) {
            case DEFAULT -> null;
            case HOST -> inVm ? "the host network of an engine in a VM is the VM's, not this machine's"
                    : rootless && spec.engine() == OciRuntimeSpec.Engine.DOCKER
                    ? "rootless Docker's host network is RootlessKit's namespace, not this host's: its 127.0.0.1 is not reachable from here"
                    : null;
            case BRIDGE_DIRECT -> inVm || rootless
                    ? "the container's bridge address lives in " + (inVm ? "the engine's VM" : "the rootless engine's own network namespace")
                    + " and cannot be reached from this host without a published port"
                    : null;
            case PASTA, SLIRP4NETNS -> spec.engine() == OciRuntimeSpec.Engine.PODMAN && rootless ? null
                    : scenario.id() + " is a network mode of rootless Podman";
        };
    }

    @Override
    public EngineConfig engineConfig() throws RuntimeFailure {
        return config.read();
    }

    @Override
    public List<String> cacheModes() {
        return cli.spec().cacheModes();
    }

    @Override
    public BuildCache newBuildCache(String mode, String jobId) throws RuntimeFailure {
        return caches.create(mode, jobId);
    }

    @Override
    public UserCommand buildCommand(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache) throws RuntimeFailure {
        if (!(cache instanceof OciBuildCaches.ContainerCache c)) throw new RuntimeFailure(id() + " builds need one of its own caches");
        return builds.userCommand(images.of(toolchain).goTag(), projectDir, targets, c);
    }

    @Override
    public BuildOutcome build(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache,
                              long timeoutMillis) throws RuntimeFailure {
        if (!(cache instanceof OciBuildCaches.ContainerCache c)) throw new RuntimeFailure(id() + " builds need one of its own caches");
        OciEngineImages.Tags tags = images.of(toolchain);
        return builds.build(tags.goTag(), tags.goTime(), projectDir, targets, c, timeoutMillis);
    }

    @Override
    public BuildOutcome goTest(Toolchain toolchain, Path projectDir, List<String> packages, BuildCache cache, boolean race,
                               long timeoutMillis) throws RuntimeFailure {
        if (!(cache instanceof OciBuildCaches.ContainerCache c)) throw new RuntimeFailure(id() + " tests need one of its own caches");
        OciEngineImages.Tags tags = images.of(toolchain);
        return builds.test(tags.goTag(), tags.goTime(), projectDir, packages, race, c, timeoutMillis);
    }

    @Override
    public UserCommand testCommand(Toolchain toolchain, Path projectDir, List<String> packages, BuildCache cache, boolean race)
            throws RuntimeFailure {
        if (!(cache instanceof OciBuildCaches.ContainerCache c)) throw new RuntimeFailure(id() + " tests need one of its own caches");
        return builds.testUserCommand(images.of(toolchain).goTag(), projectDir, packages, race, c);
    }

    /** probelab's own Go images carry Go alone; the official golang images have gcc. */
    @Override
    public String raceNotApplicable(Toolchain toolchain) {
        return ownGoImage()
                ? "probelab's Go image carries Go alone (no C compiler): go test -race needs cgo and gcc" : null;
    }

    @Override
    public DevLoop startDevLoop(DevLoopWay way, Toolchain toolchain, DevProject project, BuildCache cache, int hostPort,
                                String jobId) throws RuntimeFailure {
        if (!(cache instanceof OciBuildCaches.ContainerCache c)) throw new RuntimeFailure(id() + " dev loops need one of its own caches");
        ImageBuilder builder = way == DevLoopWay.IMAGE ? imageBuilder(toolchain, jobId) : null;
        return devLoops.start(way, images.of(toolchain).goTag(), ownGoImage(), project, c, builder, hostPort, jobId);
    }

    @Override
    public String devLoopNotApplicable(DevLoopWay way) {
        String never = OciDevLoops.notApplicable(way);
        return never == null && way == DevLoopWay.IMAGE ? imageBuildsNotApplicable() : never;
    }

    @Override
    public List<String> treePlaces() {
        return OciTrees.PLACES;
    }

    @Override
    public PlacedTree placeTree(String place, Toolchain toolchain, Path treeDir, Path walker, String jobId) throws RuntimeFailure {
        return trees.place(place, images.of(toolchain), treeDir, walker, jobId);
    }

    @Override
    public String imageBuildsNotApplicable() {
        return imageBuilds.notApplicable();
    }

    @Override
    public ImageBuilder imageBuilder(Toolchain toolchain, String jobId) throws RuntimeFailure {
        // probelab's images set HOME=/tmp and no GOCACHE (OciImages.GO_ENV); the official ones run as root
        String home = ownGoImage()
                ? OciImages.GO_ENV.get("HOME") : "/root";
        return imageBuilds.builder(images.of(toolchain).goTag(), home + "/.cache/go-build", jobId);
    }

    /**
     * Whether the Go image is probelab's own, built from this machine's GOROOT: Go alone (no C library, no gcc), HOME=/tmp.
     * The official images it may pull instead are Debian with gcc, running as root.
     */
    private boolean ownGoImage() {
        return cli.spec().toolchainImageSource() == OciRuntimeSpec.ToolchainImageSource.LOCAL;
    }

    @Override
    public java.util.Set<String> ownProcessNames() {
        java.util.Set<String> names = new java.util.HashSet<>(cli.spec().overheadProcesses());
        names.addAll(cli.spec().overheadTrees());
        // helpers the engines start and leave to init: the storage's fuse mounts (rootless Podman's fuse cache mode)
        names.add("fuse-overlayfs");
        return java.util.Set.copyOf(names);
    }

    @Override
    public Overhead overhead() {
        OciRuntimeSpec spec = cli.spec();
        int owner;
        try {
            owner = switch (spec.overheadOwner()) {
                case ROOT -> 0;
                case SELF -> cli.uid();
                case ANY -> -1;
            };
        } catch (RuntimeFailure e) {
            return new Overhead(0, "unknown owner: " + e.getMessage());
        }
        return ProcFs.overheadOf(ProcFs.selectOverhead(ProcFs.all(), owner, Set.copyOf(spec.overheadProcesses()),
                Set.copyOf(spec.overheadTrees()), Set.copyOf(spec.overheadExcludeTrees())));
    }

    /**
     * With a job id: removes that job's containers, volumes, bind-mounted cache directories, source tree images, image
     * builds and their cache mounts. Without: removes every labelled container, volume, image build and cache mount whose creating
     * process is gone (an aborted job), but not those of a job
     * still running in another probelab process on this machine, nor those created from another host. Unlabelled
     * things are never touched.
     */
    @Override
    public void removeLeftovers(String jobId) {
        leftovers.remove(jobId);
        if (jobId != null) caches.removeBindDirectories(jobId);
        trees.removeImages(jobId);
        if (imageBuilds.notApplicable() == null) {
            imageBuilds.removeImages(jobId);
            imageBuilds.removeCacheMounts(jobId);
        }
    }

    /** The images of image builds labelled with {@code jobId} (of any job when null), for tests and checks. */
    public List<String> imageBuildImages(String jobId) throws RuntimeFailure {
        return imageBuilds.labelledImages(jobId);
    }

    /** The images of the files family's image place labelled with {@code jobId} (of any job when null), for tests and checks. */
    public List<String> treeImages(String jobId) throws RuntimeFailure {
        return trees.labelledImages(jobId);
    }

    /** What {@code ps}/{@code volume ls} with the probelab label lists now (for tests and checks). */
    public List<String> labelled(String what, String jobId) throws RuntimeFailure {
        return leftovers.labelled(what, jobId);
    }

    /** The uid whose engine this is (for tests of the command line). */
    int uid() throws RuntimeFailure {
        return cli.uid();
    }

    /**
     * The argument list a user would type for {@code cli args...} on this runtime (wrapper, run-as user, global
     * arguments included), for independent checks that run the CLI outside probelab's code path.
     */
    public List<String> commandLine(List<String> args) throws RuntimeFailure {
        return cli.command(args);
    }

    /** The echo server image {@link #prepare} made for this toolchain, as the engine names it. */
    public String echoImage(Toolchain toolchain) throws RuntimeFailure {
        return images.of(toolchain).echoTag();
    }

    /** The full argument list for {@code cli args...} (for tests of the command line). */
    List<String> command(List<String> args) throws RuntimeFailure {
        return cli.command(args);
    }

    @Override
    public String toString() {
        return id() + " (" + cli.describe() + ")";
    }
}
