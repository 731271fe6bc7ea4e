package probelab.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;
import probelab.process.Exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container runtimes as data: built-in recipes, command lines, config files, and the parsing around them. */
class ContainerRuntimesTest {
    @TempDir
    Path tmp;

    private OciCliRuntime runtime(OciRuntimeSpec spec) {
        return new OciCliRuntime(spec, new OciImages(tmp.resolve("images"), GoTime.NONE), tmp.resolve("scratch"));
    }

    private static OciRuntimeSpec builtIn(String id) {
        return OciRuntimeSpec.builtIns("probelab").stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void every_runtime_of_the_issue_is_built_in_with_a_human_name() {
        List<String> ids = OciRuntimeSpec.builtIns("probelab").stream().map(OciRuntimeSpec::id).toList();
        assertEquals(List.of("docker", "docker-rootless", "podman", "podman-rootless", "docker-runsc", "podman-runsc",
                "docker-crun", "podman-crun", "docker-desktop", "rancher-desktop", "colima", "orbstack",
                "rancher-desktop-containerd", "wsl2"), ids);
        for (OciRuntimeSpec s : OciRuntimeSpec.builtIns("probelab")) assertFalse(s.displayName().equals(s.id()), s.id());
    }

    @Test
    void a_rootless_runtime_runs_its_cli_as_its_user_with_the_uid_filled_in() throws Exception {
        OciCliRuntime rt = runtime(builtIn("docker-rootless"));
        assertTrue(Files.exists(Path.of("/usr/sbin/runuser")) || Files.exists(Path.of("/sbin/runuser")));
        TestEnv.require(Exec.run(List.of("id", "-u", "probelab"), 5_000).ok(), "the user probelab");
        int uid = rt.uid();
        List<String> cmd = rt.command(List.of("ps"));
        assertEquals(List.of("runuser", "-u", "probelab", "--", "env", "DOCKER_HOST=unix:///run/probelab-" + uid + "/docker.sock",
                "XDG_RUNTIME_DIR=/run/probelab-" + uid, "docker", "ps"), cmd);
    }

    @Test
    void a_desktop_runtime_is_the_docker_cli_with_its_context() throws Exception {
        assertEquals(List.of("docker", "--context", "colima", "ps"), runtime(builtIn("colima")).command(List.of("ps")));
        assertEquals(List.of("docker", "--context", "desktop-linux", "version"),
                runtime(builtIn("docker-desktop")).command(List.of("version")));
        assertEquals(List.of("wsl.exe", "-d", "Ubuntu", "--", "docker", "ps"), runtime(builtIn("wsl2")).command(List.of("ps")));
    }

    @Test
    void an_oci_runtime_variant_starts_every_container_with_its_runtime_and_nothing_else_changes() throws Exception {
        OciCliRuntime gvisor = runtime(builtIn("docker-runsc"));
        assertEquals(List.of("docker", "-H", "unix:///var/run/docker.sock", "run", "--runtime", "runsc", "--rm", "img"),
                gvisor.command(List.of("run", "--rm", "img")));
        assertEquals(List.of("docker", "-H", "unix:///var/run/docker.sock", "create", "--runtime", "runsc", "--name", "c", "img"),
                gvisor.command(List.of("create", "--name", "c", "img")));
        assertEquals(List.of("docker", "-H", "unix:///var/run/docker.sock", "build", "-t", "x", "."),
                gvisor.command(List.of("build", "-t", "x", ".")), "docker's builder has no --runtime");
        assertEquals(List.of("docker", "-H", "unix:///var/run/docker.sock", "rm", "-f", "c"), gvisor.command(List.of("rm", "-f", "c")));
        assertEquals(List.of("podman", "build", "--runtime", "crun", "-t", "x", "."),
                runtime(builtIn("podman-crun")).command(List.of("build", "-t", "x", ".")), "Buildah's RUN steps use it");
        assertEquals(List.of("podman", "run", "--rm", "img"), runtime(builtIn("podman")).command(List.of("run", "--rm", "img")));
        assertTrue(gvisor.imageBuildsNotApplicable().contains("default OCI runtime"), gvisor.imageBuildsNotApplicable());
        // the first look leaves the variants out; a job names them
        assertFalse(probelab.catalog.RuntimeName.inFirstLook("docker-runsc"));
        assertTrue(probelab.catalog.RuntimeName.inFirstLook("docker") && probelab.catalog.RuntimeName.inFirstLook("my-own"));
    }

    @Test
    void crun_is_refused_on_a_hybrid_cgroup_hierarchy_with_v2_controllers_and_nothing_else_is(@TempDir Path cg) throws Exception {
        Files.createDirectories(cg.resolve("unified"));
        Files.writeString(cg.resolve("unified/cgroup.controllers"), "hugetlb\n");
        String why = OciAvailability.cgroupRefusal("crun", cg);
        assertTrue(why != null && why.contains("hybrid") && why.contains("hugetlb"), why);
        assertNull(OciAvailability.cgroupRefusal("runsc", cg), "runsc and runc run there");
        Files.writeString(cg.resolve("unified/cgroup.controllers"), "\n");
        assertNull(OciAvailability.cgroupRefusal("crun", cg), "a v2 hierarchy without controllers is what crun accepts");
        Files.writeString(cg.resolve("cgroup.controllers"), "cpu memory pids\n");
        assertNull(OciAvailability.cgroupRefusal("/usr/bin/crun", cg), "cgroup v2 alone");
        // on this machine: crun is down with that reason where the hierarchy is hybrid, available elsewhere
        String here = OciAvailability.cgroupRefusal("crun", Path.of("/sys/fs/cgroup"));
        if (here != null) {
            TestEnv.require(runtime(builtIn("docker")).availability().available(), "docker");
            assertEquals(here, runtime(builtIn("docker-crun")).availability().reason());
            assertEquals(here, runtime(builtIn("podman-crun")).availability().reason());
        }
    }

    @Test
    void runtimes_that_cannot_run_here_say_why() {
        Runtime.Availability wsl = runtime(builtIn("wsl2")).availability();
        assertFalse(wsl.available());
        assertEquals("wsl.exe not found", wsl.reason());

        Runtime.Availability desktop = runtime(builtIn("docker-desktop")).availability();
        assertFalse(desktop.available());
        assertEquals("docker context 'desktop-linux' not found", desktop.reason());

        Runtime.Availability nerdctl = runtime(builtIn("rancher-desktop-containerd")).availability();
        assertFalse(nerdctl.available());
        assertEquals("nerdctl not found", nerdctl.reason());
    }

    @Test
    void an_engine_that_is_not_running_is_down_with_that_reason() {
        OciRuntimeSpec dead = new OciRuntimeSpec("dead", "Nowhere", null, "docker", null,
                List.of("-H", "unix://" + tmp.resolve("no.sock")), null, null, null, null, null, null, null, null, null, null);
        Runtime.Availability a = runtime(dead).availability();
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("engine not running"), a.reason());
    }

    @Test
    void a_config_file_overrides_fields_of_a_built_in_and_defines_new_runtimes_from_a_base() throws Exception {
        Path file = tmp.resolve("runtimes.json");
        Files.writeString(file, """
                {"runtimes": [
                  {"id": "docker", "toolchainImageSource": "pull"},
                  {"id": "buildbox", "base": "docker-desktop", "displayName": "Build box", "context": "buildbox"},
                  {"id": "my-podman", "cli": "/opt/podman/bin/podman", "cacheModes": ["volume"],
                   "env": {"XDG_RUNTIME_DIR": "/run/user/{uid}"}, "memorySource": "stats"}
                ]}
                """);
        List<OciRuntimeSpec> specs = ContainerRuntimes.specs(OciRuntimeSpec.builtIns("probelab"), List.of(file, tmp.resolve("absent.json")));
        OciRuntimeSpec docker = specs.stream().filter(s -> s.id().equals("docker")).findFirst().orElseThrow();
        assertEquals(OciRuntimeSpec.ToolchainImageSource.PULL, docker.toolchainImageSource());
        assertEquals(OciRuntimeSpec.docker().globalArgs(), docker.globalArgs(), "untouched fields keep the built-in values");

        OciRuntimeSpec box = specs.stream().filter(s -> s.id().equals("buildbox")).findFirst().orElseThrow();
        assertEquals("Build box", box.displayName());
        assertEquals(List.of("--context", "buildbox"), box.effectiveGlobalArgs());
        assertEquals(builtIn("docker-desktop").overheadProcesses(), box.overheadProcesses());

        OciRuntimeSpec mine = specs.stream().filter(s -> s.id().equals("my-podman")).findFirst().orElseThrow();
        assertEquals(OciRuntimeSpec.Engine.PODMAN, mine.engine());
        assertEquals(List.of("volume"), mine.cacheModes());
        assertEquals(OciRuntimeSpec.MemorySource.STATS, mine.memorySource());
        assertEquals(Map.of("XDG_RUNTIME_DIR", "/run/user/{uid}"), mine.env());
        assertEquals(16, specs.size(), "fourteen built-ins and two new ones");
    }

    @Test
    void a_config_file_with_a_mistake_is_refused_naming_the_file_and_the_mistake() throws Exception {
        Path file = tmp.resolve("runtimes.json");
        Files.writeString(file, "{\"runtimes\": [{\"id\": \"x\", \"cli\": \"docker\", \"cacheMode\": [\"none\"]}]}");
        var e = assertThrows(ContainerRuntimes.RuntimeConfigException.class,
                () -> ContainerRuntimes.specs(List.of(), List.of(file)));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cacheMode"), e.getMessage());

        Files.writeString(file, "{\"runtimes\": [{\"id\": \"x\", \"cli\": \"docker\", \"cacheModes\": [\"tmpfs\"]}]}");
        e = assertThrows(ContainerRuntimes.RuntimeConfigException.class, () -> ContainerRuntimes.specs(List.of(), List.of(file)));
        assertTrue(e.getMessage().contains("unknown cache mode 'tmpfs'"), e.getMessage());

        Files.writeString(file, "{\"runtimes\": [{\"id\": \"x\", \"base\": \"nope\"}]}");
        e = assertThrows(ContainerRuntimes.RuntimeConfigException.class, () -> ContainerRuntimes.specs(List.of(), List.of(file)));
        assertTrue(e.getMessage().contains("unknown base 'nope'"), e.getMessage());
    }

    @Test
    void memory_usage_of_docker_and_podman_stats_is_read_in_their_own_units() {
        assertEquals(1_626_341, OciContainerMemory.parseMemUsage("1.551MiB / 23.54GiB").getAsLong(), 2);
        assertEquals(1_450_000, OciContainerMemory.parseMemUsage("1.45MB / 25.28GB").getAsLong());
        assertEquals(512, OciContainerMemory.parseMemUsage("512B / 1GiB").getAsLong());
        assertEquals(2048, OciContainerMemory.parseMemUsage("2KiB / 1GiB").getAsLong());
        assertTrue(OciContainerMemory.parseMemUsage("-- / --").isEmpty());
    }

    @Test
    void overhead_counts_only_the_processes_of_this_runtime() {
        // rootless Docker and rootless Podman of the same user both have slirp4netns and a process called "exe"
        List<ProcFs.ProcStatus> procs = List.of(
                proc(1, 0, 0, "init"),
                proc(10, 1, 0, "dockerd"), proc(11, 10, 0, "containerd"), proc(12, 10, 0, "docker-proxy"),
                proc(13, 1, 0, "containerd-shim"),
                proc(20, 1, 1001, "rootlesskit"), proc(21, 20, 1001, "exe"), proc(22, 20, 1001, "slirp4netns"),
                proc(23, 21, 1001, "dockerd"), proc(24, 23, 1001, "rootlesskit-doc"), proc(25, 1, 1001, "containerd-shim"),
                proc(30, 1, 1001, "conmon"), proc(31, 1, 1001, "slirp4netns"), proc(32, 1, 1001, "rootlessport"),
                proc(33, 32, 1001, "exe"), proc(34, 1, 1001, "podman pause"),
                proc(40, 1, 0, "conmon"));
        assertEquals(Set.of(10L, 11L, 12L, 13L), pids(OciRuntimeSpec.docker(), procs, 0));
        assertEquals(Set.of(20L, 21L, 22L, 23L, 24L, 25L), pids(OciRuntimeSpec.dockerRootless("probelab"), procs, 1001));
        assertEquals(Set.of(40L), pids(OciRuntimeSpec.podman(), procs, 0));
        assertEquals(Set.of(30L, 31L, 32L, 33L, 34L), pids(OciRuntimeSpec.podmanRootless("probelab"), procs, 1001));
        Runtime.Overhead o = ProcFs.overheadOf(ProcFs.selectOverhead(procs, 0, Set.of("conmon"), Set.of(), Set.of()));
        assertEquals(1000, o.rssBytes());
        assertEquals("conmon[40]=1000", o.processList());
    }

    private static ProcFs.ProcStatus proc(long pid, long ppid, int uid, String name) {
        return new ProcFs.ProcStatus(pid, ppid, uid, name, 1000, List.of(pid));
    }

    private static Set<Long> pids(OciRuntimeSpec s, List<ProcFs.ProcStatus> procs, int uid) {
        Set<Long> out = new java.util.HashSet<>();
        for (ProcFs.Proc p : ProcFs.selectOverhead(procs, uid, Set.copyOf(s.overheadProcesses()), Set.copyOf(s.overheadTrees()),
                Set.copyOf(s.overheadExcludeTrees()))) {
            out.add(p.pid());
        }
        return out;
    }

    @Test
    void only_dynamically_linked_executables_need_their_libraries_in_the_image() throws Exception {
        assertTrue(OciImages.isDynamicElf(Path.of("/bin/ls")));
        Path go122 = Path.of("/usr/lib/go-1.22/bin/go");
        if (Files.exists(go122)) assertFalse(OciImages.isDynamicElf(go122), "Debian's go 1.22 is static");
        Path go119 = Path.of("/usr/lib/go-1.19");
        if (Files.exists(go119)) {
            List<Path> libs = OciImages.sharedLibraries(go119);
            assertTrue(libs.stream().anyMatch(p -> p.getFileName().toString().startsWith("libc.so")), libs.toString());
            assertTrue(libs.stream().anyMatch(p -> p.getFileName().toString().startsWith("ld-linux")), libs.toString());
        }
    }
}
