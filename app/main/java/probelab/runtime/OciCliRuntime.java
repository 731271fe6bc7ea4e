package probelab.runtime;

import probelab.runtime.OciRuntimeSpec.MemorySource;
import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.toolchain.Toolchain;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A runtime reached through a docker-compatible CLI (docker with a context or socket, podman, nerdctl), possibly
 * as another user or through a wrapper such as {@code wsl.exe}. Everything that differs between runtimes is in
 * its {@link OciRuntimeSpec}; this class only turns the spec into argument lists.
 */
public final class OciCliRuntime implements Runtime {
    /** Every container, volume and image probelab creates carries this label, and {@link #JOB_LABEL} with its job. */
    public static final String LABEL = "probelab";
    public static final String JOB_LABEL = "probelab.job";
    /**
     * Which process created a container or volume (host/pid/start millis): leftovers of a job that died are removed
     * at the next start, while those of a job still running elsewhere on this machine are left alone.
     */
    public static final String OWNER_LABEL = "probelab.owner";
    static final String OWNER = ownerOf(ProcessHandle.current());
    static final int CONTAINER_PORT = 8080;
    private static final long CLI_TIMEOUT_MILLIS = 60_000;
    private static final long AVAILABILITY_TIMEOUT_MILLIS = 10_000;
    private static final long IMAGE_TIMEOUT_MILLIS = 15 * 60_000;
    private static final long ALIVE_RECHECK_NANOS = 500_000_000L;
    private static final String SERVER_PROCESS_NAME = "echo";

    private final OciRuntimeSpec spec;
    private final OciImages images;
    private final Path scratchDir;
    private final Map<String, Images> prepared = new ConcurrentHashMap<>();
    private volatile Integer resolvedUid;
    private volatile String statsUnsupportedReason; // null: the engine's stats has a memory figure

    /** The two images one toolchain needs on this engine. */
    private record Images(String echoTag, String goTag) {
    }

    /**
     * @param spec       what this runtime is and how it is reached
     * @param images     the shared maker of image filesystems (var/images)
     * @param scratchDir where bind-mounted build caches go (var/scratch)
     */
    public OciCliRuntime(OciRuntimeSpec spec, OciImages images, Path scratchDir) {
        this.spec = spec;
        this.images = images;
        this.scratchDir = scratchDir;
    }

    public OciRuntimeSpec spec() {
        return spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String displayName() {
        return spec.displayName();
    }

    static String ownerOf(ProcessHandle p) {
        long startMillis = p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return hostName() + "/" + p.pid() + "/" + startMillis;
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** True when {@code owner} names a process of this host that is still running (same pid, same start). */
    static boolean ownerAlive(String owner) {
        String[] parts = owner.split("/");
        if (parts.length != 3) return false; // no owner recorded (or garbled): nobody will ever clean it up otherwise
        if (!parts[0].equals(hostName())) return true; // a process of another host: not ours to judge
        try {
            long pid = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).map(OciCliRuntime::ownerOf).map(owner::equals).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The labels of everything this process creates for a job. */
    private static List<String> labelArgs(String jobId) {
        return List.of("--label", LABEL + "=1", "--label", JOB_LABEL + "=" + jobId, "--label", OWNER_LABEL + "=" + OWNER);
    }

    // ---- how the CLI is called ------------------------------------------------------------------------------

    private boolean viaRunuser() {
        return spec.runAsUser() != null && !spec.runAsUser().equals(System.getProperty("user.name"));
    }

    /** The uid whose engine this is: the run-as user's, or this process's. */
    int uid() throws RuntimeFailure {
        Integer u = resolvedUid;
        if (u != null) return u;
        if (spec.runAsUser() == null) {
            u = ProcFs.status(ProcessHandle.current().pid()).map(ProcFs.ProcStatus::uid).orElse(-1);
        } else {
            Exec.Result r = Exec.run(List.of("id", "-u", spec.runAsUser()), 5_000);
            if (!r.ok()) throw new RuntimeFailure("user '" + spec.runAsUser() + "' does not exist (./probelab setup creates it)");
            u = Integer.parseInt(r.stdout().strip());
        }
        resolvedUid = u;
        return u;
    }

    private String substitute(String s) throws RuntimeFailure {
        return s.contains("{uid}") ? s.replace("{uid}", Integer.toString(uid())) : s;
    }

    private Map<String, String> resolvedEnv() throws RuntimeFailure {
        Map<String, String> env = new LinkedHashMap<>();
        for (var e : new java.util.TreeMap<>(spec.env()).entrySet()) env.put(e.getKey(), substitute(e.getValue()));
        return env;
    }

    /** The full argument list for {@code cli args...}: wrapper, runuser and env when needed, global args. */
    List<String> command(List<String> args) throws RuntimeFailure {
        List<String> cmd = new ArrayList<>(spec.wrapper());
        if (viaRunuser()) {
            // runuser keeps our environment but not variables we set for the child, so they go through env(1)
            cmd.addAll(List.of("runuser", "-u", spec.runAsUser(), "--", "env"));
            resolvedEnv().forEach((k, v) -> cmd.add(k + "=" + v));
        }
        cmd.add(spec.cli());
        for (String g : spec.effectiveGlobalArgs()) cmd.add(substitute(g));
        cmd.addAll(args);
        return cmd;
    }

    private Exec.Result cli(long timeoutMillis, String... args) throws RuntimeFailure {
        return cli(List.of(args), timeoutMillis);
    }

    private Exec.Result cli(List<String> args, long timeoutMillis) throws RuntimeFailure {
        Map<String, String> env = viaRunuser() ? Map.of() : resolvedEnv();
        // a directory every user can enter: a rootless CLI started from root's cwd may fail to chdir back
        Path dir = Files.isDirectory(scratchDir.getParent()) ? scratchDir.getParent() : null;
        return Exec.run(command(args), dir, env, timeoutMillis);
    }

    private String describe() {
        try {
            return String.join(" ", command(List.of()));
        } catch (RuntimeFailure e) {
            return spec.cli() + " as user " + spec.runAsUser();
        }
    }

    // ---- availability ---------------------------------------------------------------------------------------

    @Override
    public Availability availability() {
        String via = describe();
        if (!spec.wrapper().isEmpty()) {
            String w = spec.wrapper().get(0);
            if (!onPath(w)) return Availability.down(w + " not found", via);
        } else if (!onPath(spec.cli())) {
            return Availability.down(spec.cli() + " not found", via);
        }
        if (viaRunuser()) {
            if (!"root".equals(System.getProperty("user.name"))) {
                return Availability.down("running the CLI as user '" + spec.runAsUser() + "' needs root (runuser)", via);
            }
            if (!onPath("runuser")) return Availability.down("runuser not found", via);
        }
        try {
            via = String.join(" ", command(List.of()));
            if (spec.context() != null) {
                Exec.Result ctx = cli(AVAILABILITY_TIMEOUT_MILLIS, "context", "inspect", spec.context(), "--format",
                        "{{.Endpoints.docker.Host}}");
                // a missing context fails every command; saying so beats the CLI's "meta.json: no such file"
                if (!ctx.ok()) {
                    return Availability.down("docker context '" + spec.context() + "' not found", via);
                }
                via = via + " (" + ctx.stdout().strip() + ")";
            }
            Exec.Result v = switch (spec.engine()) {
                // not `info`: it waits for the storage lock, which another job's build may hold for many seconds
                case PODMAN -> cli(AVAILABILITY_TIMEOUT_MILLIS, "version", "--format", "{{.Version}}");
                case NERDCTL -> cli(AVAILABILITY_TIMEOUT_MILLIS, "info", "--format", "{{.ServerVersion}}");
                case DOCKER -> cli(AVAILABILITY_TIMEOUT_MILLIS, "version", "--format", "{{.Server.Version}}");
            };
            if (!v.ok() || v.stdout().isBlank()) return Availability.down(downReason(v), via);
            String engineName = spec.engine().name().toLowerCase(Locale.ROOT);
            return Availability.up(engineName + " " + v.stdout().strip(), via);
        } catch (RuntimeFailure e) {
            return Availability.down(e.getMessage(), via);
        }
    }

    private String downReason(Exec.Result r) {
        String text = (r.stderr() + "\n" + r.stdout()).toLowerCase(Locale.ROOT);
        if (r.timedOut()) return "engine did not answer within " + AVAILABILITY_TIMEOUT_MILLIS / 1000 + " s";
        if (text.contains("context not found") || text.contains("context \"")) {
            return "docker context '" + spec.context() + "' not found";
        }
        if (text.contains("cannot connect") || text.contains("is the docker daemon running")
                || text.contains("connection refused") || text.contains("no such file or directory")) {
            return "engine not running: " + r.reason();
        }
        return r.reason();
    }

    private static boolean onPath(String binary) {
        if (binary.contains("/")) return Files.isExecutable(Path.of(binary));
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) return true;
        }
        return false;
    }

    // ---- images ---------------------------------------------------------------------------------------------

    @Override
    public void prepare(Toolchain toolchain, Path serverBinary, String jobId) throws RuntimeFailure {
        if (viaRunuser()) {
            // the rootless CLI reads image tarballs and bind-mounts dirs under var/ as another user
            OciImages.worldReadable(scratchDir.getParent());
        }
        statsUnsupportedReason = detectStatsSupport();
        OciImages.Rootfs echo = images.echo(toolchain, serverBinary);
        ensureImported(echo, jobId);
        String goTag;
        if (spec.toolchainImageSource() == OciRuntimeSpec.ToolchainImageSource.PULL) {
            goTag = OciImages.officialGoImage(toolchain);
            if (!imageExists(goTag)) {
                Exec.Result r = cli(IMAGE_TIMEOUT_MILLIS, "pull", goTag);
                if (!r.ok()) {
                    throw new RuntimeFailure("cannot pull " + goTag + " (toolchainImageSource is pull; set it to local "
                            + "to build the image from this machine's GOROOT): " + r.reason());
                }
            }
        } else {
            OciImages.Rootfs go = images.toolchain(toolchain);
            ensureImported(go, jobId);
            goTag = go.tag();
        }
        prepared.put(toolchain.version(), new Images(echo.tag(), goTag));
    }

    private boolean imageExists(String tag) throws RuntimeFailure {
        return cli(CLI_TIMEOUT_MILLIS, "image", "inspect", "--format", "{{.Id}}", tag).ok();
    }

    /** Imports the tarball unless an image with this tag (a hash of its content) is already there. */
    private void ensureImported(OciImages.Rootfs rootfs, String jobId) throws RuntimeFailure {
        if (imageExists(rootfs.tag())) return;
        List<String> args = new ArrayList<>(List.of("import"));
        for (String change : rootfs.changes()) args.addAll(List.of("--change", change));
        args.addAll(List.of("--change", "LABEL " + LABEL + "=1", "--change", "LABEL " + JOB_LABEL + "=" + jobId));
        args.addAll(List.of(rootfs.tarball().toString(), rootfs.tag()));
        Exec.Result r = cli(args, IMAGE_TIMEOUT_MILLIS);
        if (!r.ok()) throw new RuntimeFailure("cannot import image " + rootfs.tag() + " into " + id() + ": " + r.reason());
    }

    /** Whether {@code stats} gives a memory figure here; engines without cgroups (rootless on cgroup v1) do not. */
    private String detectStatsSupport() throws RuntimeFailure {
        switch (spec.engine()) {
            case DOCKER -> {
                Exec.Result r = cli(CLI_TIMEOUT_MILLIS, "info", "--format", "{{.CgroupDriver}}");
                if (r.ok() && r.stdout().strip().equals("none")) {
                    return "engine runs without cgroups, so stats has no memory figure";
                }
                return r.ok() ? null : "cannot ask the engine about cgroups: " + r.reason();
            }
            case PODMAN -> {
                Exec.Result r = cli(CLI_TIMEOUT_MILLIS, "info", "--format", "{{.Host.CgroupControllers}}");
                if (r.ok() && !r.stdout().contains("memory")) {
                    return "engine has no memory cgroup controller (rootless on cgroup v1), so stats is unsupported";
                }
                return r.ok() ? null : "cannot ask the engine about cgroups: " + r.reason();
            }
            default -> {
                return null;
            }
        }
    }

    private Images imagesFor(Toolchain toolchain) throws RuntimeFailure {
        Images i = prepared.get(toolchain.version());
        if (i == null) throw new RuntimeFailure(id() + " was not prepared for go " + toolchain.version());
        return i;
    }

    // ---- servers --------------------------------------------------------------------------------------------

    @Override
    public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId) throws RuntimeFailure {
        Images img = imagesFor(toolchain);
        List<String> createArgs = new ArrayList<>(List.of("create"));
        createArgs.addAll(labelArgs(jobId));
        createArgs.addAll(List.of("-p", "127.0.0.1:" + hostPort + ":" + CONTAINER_PORT, img.echoTag()));
        Exec.Result create = cli(createArgs, CLI_TIMEOUT_MILLIS);
        if (!create.ok()) throw new RuntimeFailure("cannot create the server container: " + create.reason());
        String[] lines = create.stdout().strip().split("\n");
        String containerId = lines[lines.length - 1].strip();
        Exec.Result start = cli(CLI_TIMEOUT_MILLIS, "start", containerId);
        if (!start.ok()) {
            cli(CLI_TIMEOUT_MILLIS, "rm", "-f", containerId);
            throw new RuntimeFailure("cannot start the server container: " + start.reason());
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("create", create.elapsedNanos() / 1e6);
        phases.put("start", start.elapsedNanos() / 1e6);
        return new ContainerServer(containerId, java.util.Collections.unmodifiableMap(phases));
    }

    /** A started server container; {@link #close()} removes it. */
    private final class ContainerServer implements Server {
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
                        Exec.Result r = cli(CLI_TIMEOUT_MILLIS, "inspect", "--format", "{{.State.Running}}", containerId);
                        running = r.ok() && r.stdout().strip().equals("true");
                    } catch (RuntimeFailure e) {
                        running = false;
                    }
                });
            }
            return running;
        }

        @Override
        public MemoryReading memory() throws RuntimeFailure {
            Long containerBytes = null;
            String containerSource = null;
            String noStats = statsUnsupportedReason;
            if (noStats == null) {
                OptionalLong stats = statsBytes(containerId);
                if (stats.isPresent()) {
                    containerBytes = stats.getAsLong();
                    containerSource = spec.cli() + " stats --no-stream MemUsage";
                } else {
                    noStats = spec.cli() + " stats gave no memory figure";
                }
            }
            String statsNote = noStats == null ? "" : "; no container figure: " + noStats;
            if (spec.memorySource() != MemorySource.STATS) {
                Optional<ProcFs.ProcStatus> proc = containerProcess(containerId);
                if (proc.isPresent()) {
                    ProcFs.ProcStatus p = proc.get();
                    return new MemoryReading(p.rssBytes(), "/proc/" + p.pid() + "/status VmRSS (container's main process)"
                            + statsNote, containerBytes, containerSource);
                }
                if (spec.memorySource() == MemorySource.PROC) {
                    throw new RuntimeFailure("the container's main process is not visible in this host's /proc");
                }
            }
            if (containerBytes == null) {
                throw new RuntimeFailure("no memory figure: the container's process is not on this host and " + noStats);
            }
            return new MemoryReading(containerBytes, containerSource + " (the container's process is not on this host)",
                    containerBytes, containerSource);
        }

        @Override
        public void close() {
            try {
                cli(CLI_TIMEOUT_MILLIS, "rm", "-f", containerId);
            } catch (RuntimeFailure ignored) {
                // removeLeftovers at the end of the job catches what this could not remove
            }
        }
    }

    /**
     * The container's main process, if the pid the engine reports is one of this host's and really is the
     * server: named echo and pid 1 of a nested pid namespace (rootless engines report host pids too, but an engine
     * in a VM reports pids of the VM, which may name an unrelated process here).
     */
    private Optional<ProcFs.ProcStatus> containerProcess(String containerId) throws RuntimeFailure {
        Exec.Result r = cli(CLI_TIMEOUT_MILLIS, "inspect", "--format", "{{.State.Pid}}", containerId);
        if (!r.ok()) throw new RuntimeFailure("cannot inspect the server container: " + r.reason());
        long pid;
        try {
            pid = Long.parseLong(r.stdout().strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pid <= 0) throw new RuntimeFailure("the server container is not running");
        return ProcFs.status(pid).filter(p -> p.name().equals(SERVER_PROCESS_NAME) && p.isContainerInit());
    }

    private OptionalLong statsBytes(String containerId) throws RuntimeFailure {
        Exec.Result r = cli(CLI_TIMEOUT_MILLIS, "stats", "--no-stream", "--format", "{{.MemUsage}}", containerId);
        if (!r.ok()) return OptionalLong.empty();
        return parseMemUsage(r.stdout());
    }

    private static final Pattern MEM = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGTP]?i?B|[kmgtp]B?)\\b",
            Pattern.CASE_INSENSITIVE);

    /** "1.551MiB / 23.54GiB" (docker, binary units) or "1.45MB / 25.28GB" (podman, decimal units) to bytes used. */
    static OptionalLong parseMemUsage(String memUsage) {
        Matcher m = MEM.matcher(memUsage.strip());
        if (!m.find()) return OptionalLong.empty();
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        boolean binary = unit.toLowerCase(Locale.ROOT).contains("i");
        double base = binary ? 1024 : 1000;
        int power = switch (Character.toUpperCase(unit.charAt(0))) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            case 'P' -> 5;
            default -> 0;
        };
        return OptionalLong.of(Math.round(value * Math.pow(base, power)));
    }

    // ---- builds ---------------------------------------------------------------------------------------------

    @Override
    public List<String> cacheModes() {
        return spec.cacheModes();
    }

    /** A build cache and the job whose label its build containers carry. */
    private abstract static class ContainerCache implements BuildCache {
        final String mode;
        final String jobId;

        ContainerCache(String mode, String jobId) {
            this.mode = mode;
            this.jobId = jobId;
        }

        @Override
        public String mode() {
            return mode;
        }

        /** {@code -v} arguments that mount this cache, if any. */
        abstract List<String> mountArgs();

        /** GOCACHE inside the build container. */
        abstract String gocache();
    }

    /** No cache: GOCACHE lives in the build container and is thrown away with it. */
    private static final class NoCache extends ContainerCache {
        NoCache(String jobId) {
            super("none", jobId);
        }

        @Override
        List<String> mountArgs() {
            return List.of();
        }

        @Override
        String gocache() {
            return "/tmp/gocache";
        }

        @Override
        public void close() {
        }
    }

    /** GOCACHE at /cache, mounted from a named volume or a host directory; closing removes that source. */
    private static final class MountedCache extends ContainerCache {
        final String source;
        final Runnable remove;

        MountedCache(String mode, String jobId, String source, Runnable remove) {
            super(mode, jobId);
            this.source = source;
            this.remove = remove;
        }

        @Override
        List<String> mountArgs() {
            return List.of("-v", source + ":/cache");
        }

        @Override
        String gocache() {
            return "/cache";
        }

        @Override
        public void close() {
            remove.run();
        }
    }

    @Override
    public BuildCache newBuildCache(String mode, String jobId) throws RuntimeFailure {
        switch (mode) {
            case "none" -> {
                return new NoCache(jobId);
            }
            case "volume" -> {
                String volume = "probelab-gocache-" + jobId + "-" + UUID.randomUUID().toString().substring(0, 8);
                List<String> args = new ArrayList<>(List.of("volume", "create"));
                args.addAll(labelArgs(jobId));
                args.add(volume);
                Exec.Result r = cli(args, CLI_TIMEOUT_MILLIS);
                if (!r.ok()) throw new RuntimeFailure("cannot create volume " + volume + ": " + r.reason());
                return new MountedCache("volume", jobId, volume, () -> {
                    try {
                        cli(CLI_TIMEOUT_MILLIS, "volume", "rm", "-f", volume);
                    } catch (RuntimeFailure ignored) {
                        // removeLeftovers removes labelled volumes this could not
                    }
                });
            }
            case "bind" -> {
                try {
                    Files.createDirectories(scratchDir);
                    OciImages.worldReadable(scratchDir);
                    Path dir = Files.createTempDirectory(scratchDir, bindCachePrefix(jobId));
                    // rootless engines write as a mapped uid: the directory must be writable by anyone
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                    Path absolute = dir.toAbsolutePath();
                    return new MountedCache("bind", jobId, absolute.toString(), () -> FileTrees.deleteBestEffort(absolute));
                } catch (IOException e) {
                    throw new RuntimeFailure("cannot create a bind-mounted cache under " + scratchDir + ": " + e.getMessage(), e);
                }
            }
            default -> throw new RuntimeFailure(id() + " has no cache mode '" + mode + "'; it has " + cacheModes());
        }
    }

    private static String bindCachePrefix(String jobId) {
        return "oci-gocache-" + jobId + "-";
    }

    @Override
    public BuildOutcome build(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache,
                              long timeoutMillis) throws RuntimeFailure {
        if (!(cache instanceof ContainerCache c)) throw new RuntimeFailure(id() + " builds need one of its own caches");
        Images img = imagesFor(toolchain);
        Path src = projectDir.toAbsolutePath().normalize();
        // `go build ./...` of a single main package writes the binary into /src (natively too), and a rootless
        // engine writes as a mapped uid: the job's own copy of the workload must be writable by anyone
        openToAll(src);
        String name = "probelab-build-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", name));
        args.addAll(labelArgs(c.jobId));
        args.addAll(List.of("-v", src + ":/src", "-w", "/src"));
        args.addAll(c.mountArgs());
        Map<String, String> env = new LinkedHashMap<>(OciImages.GO_ENV);
        env.remove("PATH"); // the official images have their own PATH
        env.remove("HOME");
        // a go.work workspace refuses -mod=mod
        if (Files.exists(src.resolve("go.work"))) env.put("GOFLAGS", "");
        env.put("GOCACHE", c.gocache());
        env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add(img.goTag());
        args.addAll(List.of("go", "build"));
        // one -o for several packages is refused by older go, so only a single command gets -o /dev/null
        if (targets.size() == 1 && !targets.get(0).endsWith("...")) args.addAll(List.of("-o", "/dev/null"));
        args.addAll(targets);
        // wall time around the whole run: what a user waits for, container start and removal included
        Exec.Result r = cli(args, timeoutMillis);
        if (r.timedOut()) cli(CLI_TIMEOUT_MILLIS, "rm", "-f", name); // killing the CLI does not stop the container
        return new BuildOutcome(r.elapsedNanos(), -1,
                "not observable: the build runs in a container image with nothing but Go (no GNU time), and the "
                        + "engine's per-container peak is not the largest build process", r);
    }

    private static void openToAll(Path dir) throws RuntimeFailure {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                var perms = Files.getPosixFilePermissions(p);
                boolean changed = perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(p)) {
                    changed |= perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                    changed |= perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
                }
                if (changed) Files.setPosixFilePermissions(p, perms);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot open " + dir + " to the build container's user: " + e.getMessage(), e);
        }
    }

    // ---- overhead and clean-up ------------------------------------------------------------------------------

    @Override
    public Overhead overhead() {
        int owner;
        try {
            owner = switch (spec.overheadOwner()) {
                case ROOT -> 0;
                case SELF -> uid();
                case ANY -> -1;
            };
        } catch (RuntimeFailure e) {
            return new Overhead(0, "unknown owner: " + e.getMessage());
        }
        return ProcFs.overheadOf(ProcFs.selectOverhead(ProcFs.all(), owner, Set.copyOf(spec.overheadProcesses()),
                Set.copyOf(spec.overheadTrees()), Set.copyOf(spec.overheadExcludeTrees())));
    }

    /**
     * With a job id: removes that job's containers and volumes. Without: removes every labelled container and
     * volume whose creating process is gone (an aborted job), but not those of a job still running in another
     * probelab process on this machine, nor those created from another host. Unlabelled things are never touched.
     */
    @Override
    public void removeLeftovers(String jobId) {
        try {
            for (String kind : List.of("containers", "volumes")) {
                List<String> names = labelled(kind, jobId);
                if (jobId == null) names = abandoned(kind, names);
                if (names.isEmpty()) continue;
                List<String> rm = new ArrayList<>(kind.equals("volumes") ? List.of("volume", "rm", "-f") : List.of("rm", "-f"));
                rm.addAll(names);
                cli(rm, CLI_TIMEOUT_MILLIS);
            }
        } catch (RuntimeFailure ignored) {
            // an engine that is down holds nothing we could remove now
        }
        if (jobId != null && Files.isDirectory(scratchDir)) {
            try (var ds = Files.newDirectoryStream(scratchDir, bindCachePrefix(jobId) + "*")) {
                for (Path p : ds) FileTrees.deleteBestEffort(p);
            } catch (IOException ignored) {
                // a leftover cache directory under var/ costs disk, not correctness
            }
        }
    }

    /** Those of {@code names} whose owner label names no live process (or that have no owner label at all). */
    private List<String> abandoned(String kind, List<String> names) throws RuntimeFailure {
        if (names.isEmpty()) return names;
        List<String> args = new ArrayList<>(kind.equals("volumes")
                ? List.of("volume", "inspect", "--format", "{{json .Labels}}")
                : List.of("inspect", "--format", "{{json .Config.Labels}}"));
        args.addAll(names);
        Exec.Result r = cli(args, CLI_TIMEOUT_MILLIS);
        // one that vanished since it was listed fails inspect: none of the others is judged then, so wait for next time
        if (!r.ok()) return List.of();
        List<String> lines = lines(r.stdout());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size() && i < lines.size(); i++) {
            String owner;
            try {
                owner = LABELS_JSON.readTree(lines.get(i)).path(OWNER_LABEL).asText("");
            } catch (IOException e) {
                owner = "";
            }
            if (!ownerAlive(owner)) out.add(names.get(i));
        }
        return out;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LABELS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** What {@code ps}/{@code volume ls} with the probelab label lists now (for tests and checks). */
    public List<String> labelled(String what, String jobId) throws RuntimeFailure {
        String filter = "label=" + (jobId == null ? LABEL : JOB_LABEL + "=" + jobId);
        Exec.Result r = what.equals("volumes")
                ? cli(CLI_TIMEOUT_MILLIS, "volume", "ls", "-q", "--filter", filter)
                : cli(CLI_TIMEOUT_MILLIS, "ps", "-aq", "--filter", filter);
        if (!r.ok()) throw new RuntimeFailure("cannot list " + what + ": " + r.reason());
        return lines(r.stdout());
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return id() + " (" + describe() + ")";
    }
}
