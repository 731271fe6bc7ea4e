package probelab.runtime;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import probelab.TestEnv;
import probelab.probe.HttpClosedLoop;
import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.probe.Readiness;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four engines of these machines, for real: images from local files, a server reached through the published
 * port, its memory, the runtime's own processes, builds in every cache mode, and nothing labelled left behind.
 */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class OciCliRuntimeTest {
    private final String jobId = EngineSupport.newJobId();
    private final Map<String, OciCliRuntime> runtimes = new LinkedHashMap<>();
    private WorkloadGenerator workloads;

    @BeforeAll
    void setUp() {
        String user = ContainerRuntimes.ROOTLESS_USER;
        for (OciRuntimeSpec s : List.of(OciRuntimeSpec.docker(), OciRuntimeSpec.dockerRootless(user), OciRuntimeSpec.podman(),
                OciRuntimeSpec.podmanRootless(user))) {
            runtimes.put(s.id(), EngineSupport.runtime(s));
        }
        workloads = new WorkloadGenerator(EngineSupport.VAR.resolve("workloads"));
    }

    @AfterAll
    void tearDown() {
        for (OciCliRuntime rt : runtimes.values()) rt.removeLeftovers(jobId);
        FileTrees.deleteBestEffort(EngineSupport.SCRATCH.resolve("work").resolve(jobId));
    }

    private OciCliRuntime prepared(String id) throws RuntimeFailure {
        OciCliRuntime rt = runtimes.get(id);
        EngineSupport.requireAvailable(rt);
        rt.prepare(EngineSupport.toolchain(), EngineSupport.echoBinary(), jobId);
        return rt;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "docker-rootless", "podman", "podman-rootless"})
    void the_echo_server_answers_through_the_published_port_and_its_memory_is_read(String id) throws Exception {
        OciCliRuntime rt = prepared(id);
        int port = EngineSupport.freePort();
        try (Runtime.Server server = rt.startServer(EngineSupport.toolchain(), EngineSupport.echoBinary(), port, jobId)) {
            long ready = Readiness.awaitHttp200(port, 30_000, server::alive);
            assertEquals(200, HttpClosedLoop.probeOnce("127.0.0.1", port, 2_000));
            assertTrue(server.alive());
            // one CLI call is the measured interval, as a user types it; its phases come from the engine's events
            String engineCli = id.startsWith("podman") ? "podman" : "docker";
            assertTrue(server.startCommand().startsWith(engineCli + " run -d -p 127.0.0.1:" + port + ":8080 "), server.startCommand());
            var phases = server.startPhasesMillis(ready);
            assertEquals(List.of("create", "start", "ready"), List.copyOf(phases.keySet()), phases.toString());
            double total = (ready - server.issuedAtNanos()) / 1e6;
            double sum = phases.values().stream().mapToDouble(Double::doubleValue).sum();
            // the phases tile the interval: event times and this host's clock differ only by the clock reads' jitter
            assertEquals(total, sum, 2.0, "phases " + phases + " vs cold start " + total + " ms");
            for (double v : phases.values()) assertTrue(v >= 0 && v < total, phases.toString());

            server.locateProcess();
            Runtime.MemoryReading m = server.memory();
            assertTrue(m.rssBytes() > 1_000_000 && m.rssBytes() < 100_000_000, "server RSS " + m.rssBytes());
            assertTrue(m.source().startsWith("/proc/"), m.source());
            MemoryChecks.agreeWithPsAndSmaps(m);
            if (id.equals("docker") || id.equals("podman")) {
                // rootful engines on cgroup v1 account the container's memory; rootless ones here have no cgroups
                assertNotNull(m.containerBytes(), m.source());
                assertTrue(m.containerBytes() > 0 && m.containerBytes() < 100_000_000, "container bytes " + m.containerBytes());
            } else {
                assertNull(m.containerBytes(), m.containerSource());
                assertTrue(m.source().contains("no container figure"), m.source());
            }

            Runtime.Overhead o = rt.overhead();
            assertTrue(o.rssBytes() > 0, id + " overhead: " + o.processList());
            String list = o.processList();
            switch (id) {
                case "docker" -> {
                    assertTrue(list.contains("dockerd[") && list.contains("containerd-shim["), list);
                    assertFalse(list.contains("rootlesskit") || list.contains("conmon"), list);
                }
                case "docker-rootless" -> {
                    assertTrue(list.contains("rootlesskit[") && list.contains("dockerd[") && list.contains("slirp4netns["), list);
                    assertFalse(list.contains("conmon") || list.contains("rootlessport"), list);
                }
                case "podman" -> {
                    assertTrue(list.contains("conmon["), list);
                    assertFalse(list.contains("dockerd") || list.contains("slirp4netns"), list);
                }
                case "podman-rootless" -> {
                    assertTrue(list.contains("conmon[") && list.contains("rootlessport["), list);
                    assertFalse(list.contains("dockerd") || list.contains("rootlesskit"), list);
                }
                default -> throw new AssertionError(id);
            }
        }
        assertEquals(List.of(), rt.labelled("containers", jobId), "the closed server is removed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "docker-rootless", "podman", "podman-rootless"})
    void the_workloads_build_in_every_cache_mode_small_with_modules_from_the_read_only_proxy_on_rootless_podman_and_nothing_labelled_remains(
            String id) throws Exception {
        OciCliRuntime rt = prepared(id);
        // fuse: rootless Podman's layer through fuse-overlayfs, the articles' module cache question
        assertEquals(id.equals("podman-rootless") ? List.of("none", "volume", "bind", "fuse") : List.of("none", "volume", "bind"),
                rt.cacheModes());
        // fresh copies owned by this (root) process, as a job makes per cell: rootless engines must cope with them
        Path work = EngineSupport.SCRATCH.resolve("work").resolve(jobId);
        Workload small = workloads.copyTo(workloads.ensure(ProjectSize.SMALL), work.resolve(id + "-small"));
        assertTrue(small.usesModules(), "small imports chi");
        Path minimal = libraryModule(work.resolve(id + "-minimal"));
        for (String mode : rt.cacheModes()) {
            try (Runtime.BuildCache cache = rt.newBuildCache(mode, jobId)) {
                assertEquals(mode, cache.mode());
                // one cold build per mode: warm ones are the probe job's business. The bind mode of rootless Podman
                // builds small, whose module cache can be looked at from here: it reads the read-only proxy as a mapped
                // uid through its own storage, the hardest case; a small build costs ~40 s of compiling net/http cold.
                // The other modes build a library package that imports nothing: go runs in the same container with the
                // same mounts and environment (OciBuilds.goMountsAndEnv) and writes its cache through them, without
                // compiling the runtime package (a main would: 6 s of CPU each, 12 of them per suite).
                // tiny (net/http, ~25 s cold per engine) is built in containers by the job tests (files, go test, dev loop)
                boolean withModules = mode.equals("bind") && id.equals("podman-rootless");
                if (withModules) {
                    build(rt, small.dir(), small.buildTargets(), cache);
                } else if (mode.equals("fuse")) {
                    assertFalse(fuseOverlayfsRuns(), "no fuse-overlayfs before the build");
                    var seen = new java.util.concurrent.atomic.AtomicBoolean();
                    Thread watch = new Thread(() -> {
                        while (!Thread.currentThread().isInterrupted() && !seen.get()) {
                            if (fuseOverlayfsRuns()) seen.set(true);
                        }
                    });
                    watch.start();
                    try {
                        build(rt, minimal, List.of("."), cache);
                    } finally {
                        watch.interrupt();
                        watch.join();
                    }
                    assertTrue(seen.get(), "the build container's layer was mounted by fuse-overlayfs");
                } else {
                    build(rt, minimal, List.of("."), cache);
                }
                if (mode.equals("volume")) assertEquals(1, rt.labelled("volumes", jobId).size(), "the cache volume is labelled");
                if (withModules) assertModulesCameFromTheProxy(rt, small, cache);
            }
        }
        rt.removeLeftovers(jobId);
        assertEquals(List.of(), rt.labelled("containers", jobId));
        assertEquals(List.of(), rt.labelled("volumes", jobId));
        try (var left = Files.newDirectoryStream(EngineSupport.SCRATCH, "oci-gocache-" + jobId + "-*")) {
            assertFalse(left.iterator().hasNext(), "bind-mounted caches are deleted");
        }
    }

    @org.junit.jupiter.api.Test
    void leftovers_of_a_dead_job_are_removed_but_not_those_of_a_job_still_running_elsewhere() throws Exception {
        OciCliRuntime rt = prepared("docker");
        String image = Exec.run(List.of("docker", "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
                "label=" + OciLabels.LABEL), 20_000).stdout().lines().filter(l -> l.startsWith("probelab/echo:")).findFirst()
                .orElseThrow();
        String deadOwner = OciLabels.OWNER.replaceFirst("/[0-9]+/", "/999999999/");
        String dead = create(image, deadOwner);
        String live = create(image, OciLabels.OWNER);
        assertTrue(OciLabels.ownerAlive(OciLabels.OWNER));
        assertFalse(OciLabels.ownerAlive(deadOwner));
        assertFalse(OciLabels.ownerAlive(""));
        assertTrue(OciLabels.ownerAlive("another-host/1/2"), "another host's process is not ours to judge");

        // a step of someone's image build: made by the engine from a probelab image, so labelled like it and owned by no
        // one, and running; stopped, the same is a leftover
        var step = Exec.run(List.of("docker", "run", "-d", "--label", OciLabels.LABEL + "=1", "--label",
                OciLabels.JOB_LABEL + "=" + jobId, image), 30_000);
        assertTrue(step.ok(), step.reason());
        String building = step.stdout().strip();

        rt.removeLeftovers(null);
        List<String> left = rt.labelled("containers", jobId);
        assertTrue(left.stream().anyMatch(live::startsWith), "the live job's container stays: " + left);
        assertFalse(left.stream().anyMatch(dead::startsWith), "the dead job's container is removed: " + left);
        assertTrue(left.stream().anyMatch(building::startsWith), "a running build step stays: " + left);
        assertTrue(Exec.run(List.of("docker", "stop", "-t", "0", building), 30_000).ok());
        rt.removeLeftovers(null);
        assertFalse(rt.labelled("containers", jobId).stream().anyMatch(building::startsWith), "stopped, it is a leftover");
        rt.removeLeftovers(jobId);
        assertEquals(List.of(), rt.labelled("containers", jobId));
        // the images it comes from name the job that imported them, which no sweep matches
        var labels = Exec.run(List.of("docker", "image", "inspect", "--format", "{{json .Config.Labels}}", image), 20_000);
        assertTrue(labels.stdout().contains(OciLabels.IMPORTED_BY_LABEL) && !labels.stdout().contains("\"" + OciLabels.JOB_LABEL + "\""),
                labels.stdout());
    }

    private String create(String image, String owner) {
        var r = Exec.run(List.of("docker", "create", "--label", OciLabels.LABEL + "=1", "--label",
                OciLabels.JOB_LABEL + "=" + jobId, "--label", OciLabels.OWNER_LABEL + "=" + owner, image), 30_000);
        assertTrue(r.ok(), r.reason());
        return r.stdout().strip();
    }

    @org.junit.jupiter.api.Test
    void the_go_1_19_image_carries_the_shared_libraries_its_dynamically_linked_go_needs() throws Exception {
        var go119 = probelab.toolchain.Toolchains.discover().all().stream().filter(t -> t.minor().equals("1.19")).findFirst();
        probelab.TestEnv.require(go119.isPresent(), "Go 1.19 (Debian's golang-1.19)");
        OciCliRuntime rt = runtimes.get("docker");
        EngineSupport.requireAvailable(rt);
        var echo119 = new probelab.probe.ServerBinaries(EngineSupport.ROOT.resolve("probes"), EngineSupport.VAR.resolve("bin"))
                .echo(go119.get());
        rt.prepare(go119.get(), echo119, jobId);
        // a main that imports nothing: go, compile and link (dynamically linked in Debian's 1.19) all run, without
        // compiling net/http cold
        Path minimal = mainModule(EngineSupport.SCRATCH.resolve("work").resolve(jobId).resolve("go1.19"));
        try (Runtime.BuildCache cache = rt.newBuildCache("none", jobId)) {
            Runtime.BuildOutcome out = rt.build(go119.get(), minimal, List.of("."), cache, 300_000);
            assertTrue(out.result().ok(), out.result().reason());
        }
    }

    @org.junit.jupiter.api.Test
    void on_docker_the_tree_committed_on_the_go_image_is_walked_and_built_in_its_image_place_and_removed_with_it() throws Exception {
        OciCliRuntime rt = prepared("docker");
        Path tree = libraryModule(EngineSupport.SCRATCH.resolve("work").resolve(jobId).resolve("placed"));
        Path walker = new probelab.probe.ServerBinaries(EngineSupport.ROOT.resolve("probes"), EngineSupport.VAR.resolve("bin"))
                .treeWalker(EngineSupport.toolchain());
        try (Runtime.PlacedTree placed = rt.placeTree("image", EngineSupport.toolchain(), tree, walker, jobId);
             Runtime.BuildCache cache = rt.newBuildCache("volume", jobId)) {
            assertEquals(1, rt.treeImages(jobId).size(), "one labelled tree image");
            Runtime.TreeRun walk = placed.run(List.of("walk"), 60_000);
            assertTrue(walk.result().ok(), walk.result().reason());
            // the walker sees what cp put in: go.mod and lib.go
            assertTrue(walk.result().stdout().contains("phase=walk") && walk.result().stdout().contains("files=2"), walk.result().stdout());
            Runtime.BuildOutcome built = placed.build(List.of("."), cache, 300_000);
            assertTrue(built.result().ok(), built.result().reason());
            assertTrue(built.innerNanos() > 0 && built.innerNanos() <= built.wallNanos(), "gotime timed go inside: " + built.innerNanos());
            Runtime.BuildOutcome tested = placed.test(List.of("."), cache, 300_000);
            assertTrue(tested.result().ok() && tested.result().stdout().contains("[no test files]"),
                    "go test runs there too: " + tested.result().stdout() + tested.result().reason());
        }
        assertEquals(List.of(), rt.treeImages(jobId), "closing the tree removes its image");
        assertEquals(List.of(), rt.labelled("containers", jobId), "and the container it was committed from");
    }

    /** What the user's command mounts and sets, and what the build left in the bind-mounted cache: chi, from the tree. */
    private void assertModulesCameFromTheProxy(OciCliRuntime rt, Workload small, Runtime.BuildCache cache) throws Exception {
        Runtime.UserCommand user = rt.buildCommand(EngineSupport.toolchain(), small.dir(), small.buildTargets(), cache);
        assertTrue(user.argv().contains(small.goProxy() + ":" + OciBuilds.GOPROXY_MOUNT + ":ro"), user.argv().toString());
        assertTrue(user.argv().contains("GOPROXY=file://" + OciBuilds.GOPROXY_MOUNT), user.argv().toString());
        Path dir;
        try (var dirs = Files.newDirectoryStream(EngineSupport.SCRATCH, "oci-gocache-" + jobId + "-*")) {
            dir = dirs.iterator().next();
        }
        String chi = small.goModules().get(0).replaceFirst(" .*", "");
        assertTrue(chi.startsWith("github.com/go-chi/chi/v5@"), chi);
        assertTrue(Files.isDirectory(dir.resolve("mod").resolve(chi)), "chi extracted into the cache " + dir);
        assertTrue(Files.isRegularFile(dir.resolve("mod/cache/download/github.com/go-chi/chi/v5/@v")
                .resolve(chi.substring(chi.indexOf('@') + 1) + ".zip")), "and downloaded from the proxy");
    }

    /** A module whose main imports nothing: a cold build compiles the runtime package alone, and links. */
    private static Path mainModule(Path dir) throws java.io.IOException {
        return module(dir, "main.go", "package main\n\nfunc main() {}\n");
    }

    /**
     * A module whose one package imports nothing and is not a main: a cold build compiles that package alone (tens
     * of ms) and writes it to the build cache; go test finds no test file, so it compiles nothing more.
     */
    static Path libraryModule(Path dir) throws java.io.IOException {
        return module(dir, "lib.go", "package minimal\n\n// Answer is what the build compiles.\nfunc Answer() int { return 42 }\n");
    }

    private static Path module(Path dir, String file, String source) throws java.io.IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module probelab.test/minimal\n\ngo 1.19\n");
        Files.writeString(dir.resolve(file), source);
        return dir; // owned by this (root) process like the copies above: the runtime opens it to a rootless engine
    }

    /**
     * A live fuse-overlayfs process of the rootless user runs now (ps, as an independent look from outside); a zombie
     * one that nobody has reaped yet does not count.
     */
    private static boolean fuseOverlayfsRuns() {
        Exec.Result ps = Exec.run(List.of("ps", "-u", ContainerRuntimes.ROOTLESS_USER, "-o", "stat=,comm="), 5_000);
        return ps.stdout().lines().map(String::strip)
                .anyMatch(l -> l.endsWith(" fuse-overlayfs") && !l.startsWith("Z"));
    }

    private void build(OciCliRuntime rt, Path dir, List<String> targets, Runtime.BuildCache cache) throws RuntimeFailure {
        Runtime.BuildOutcome out = rt.build(EngineSupport.toolchain(), dir, targets, cache, 300_000);
        System.out.printf("%s build, cache %s: %.0f ms%n", rt.id(), cache.mode(), out.wallNanos() / 1e6);
        assertTrue(out.result().ok(), rt.id() + "/" + cache.mode() + ": " + out.result().reason());
        assertEquals(-1, out.peakRssBytes());
        assertFalse(out.peakRssUnavailableReason().isBlank());
    }
}
