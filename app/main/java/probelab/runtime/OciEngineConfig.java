package probelab.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.catalog.EngineConfig;
import probelab.process.Exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an engine's configuration from its own {@code info} (docker: {@code --format '{{json .}}'}, podman:
 * {@code --format json}), once per cell and outside any measured interval. What {@code info} does not say (the
 * rootless network and port driver, docker's userland proxy) comes from the engine's processes' command lines.
 */
final class OciEngineConfig {
    private static final long TIMEOUT_MILLIS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OciCli cli;

    OciEngineConfig(OciCli cli) {
        this.cli = cli;
    }

    /** The configuration now; throws when the engine does not answer {@code info}. */
    EngineConfig read() throws RuntimeFailure {
        boolean podman = cli.spec().engine() == OciRuntimeSpec.Engine.PODMAN;
        Exec.Result r = podman ? cli.run(TIMEOUT_MILLIS, "info", "--format", "json")
                : cli.run(TIMEOUT_MILLIS, "info", "--format", "{{json .}}");
        if (!r.ok()) throw new RuntimeFailure("cannot read the engine's configuration: " + r.reason());
        JsonNode info;
        try {
            info = JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new RuntimeFailure("engine info is not JSON: " + e.getMessage(), e);
        }
        int uid = cli.uid();
        EngineConfig c = podman ? fromPodman(info) : fromDocker(info, rootlesskitArgs(uid), dockerdArgs(uid));
        String oci = cli.spec().ociRuntime();
        if (oci == null) return c;
        // info names the engine's default; this runtime's containers run with the one its spec names
        String version = ociVersionLine(oci, TIMEOUT_MILLIS).replaceFirst("^\\S+ version ", "");
        // and the flags it runs with: podman's --runtime-flag, docker's runtimeArgs from daemon.json
        List<String> flags = new ArrayList<>();
        List<String> global = cli.spec().globalArgs();
        for (int i = 0; i + 1 < global.size(); i++) if (global.get(i).equals("--runtime-flag")) flags.add("--" + global.get(i + 1));
        if (!podman) info.path("Runtimes").path(oci).path("runtimeArgs").forEach(a -> flags.add(a.asText()));
        String named = (oci + " " + version).strip() + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
        return new EngineConfig(c.storageDriver(), c.cgroupVersion(), c.cgroupDriver(), named,
                c.networkDriver(), c.userlandProxy(), c.securityOptions(), c.engineVersion());
    }

    /** The first line {@code oci --version} prints ("runsc version 0.0~20240729.0", "crun version 1.8.1"), or "". */
    static String ociVersionLine(String oci, long timeoutMillis) {
        Exec.Result v = Exec.run(List.of(oci, "--version"), timeoutMillis);
        return v.ok() ? v.stdout().strip().lines().findFirst().orElse("") : "";
    }

    /** From {@code podman info --format json}. */
    static EngineConfig fromPodman(JsonNode info) {
        JsonNode host = info.path("host");
        JsonNode sec = host.path("security");
        boolean rootless = sec.path("rootless").asBoolean(false);
        String ociVersion = firstLine(host.path("ociRuntime").path("version").asText(""));
        String oci = (host.path("ociRuntime").path("name").asText("") + " " + ociVersion.replaceFirst("^\\S+ version ", "")).strip();
        // rootless Podman 4 publishes ports through rootlessport (a userland proxy) over slirp4netns by default;
        // rootful Podman uses netavark or CNI with iptables DNAT, no proxy process
        String network = rootless ? "slirp4netns, port driver rootlessport" : host.path("networkBackend").asText("netavark");
        List<String> secOpts = new ArrayList<>();
        if (sec.path("seccompEnabled").asBoolean(false)) secOpts.add("seccomp");
        if (sec.path("apparmorEnabled").asBoolean(false)) secOpts.add("apparmor");
        if (sec.path("selinuxEnabled").asBoolean(false)) secOpts.add("selinux");
        if (rootless) secOpts.add("rootless");
        return new EngineConfig(text(info.path("store").path("graphDriverName")),
                host.path("cgroupVersion").asText("").replaceFirst("^v", ""), text(host.path("cgroupManager")), blankToNull(oci),
                network, rootless, String.join(",", secOpts), "podman " + info.path("version").path("Version").asText(""));
    }

    /**
     * From {@code docker info --format '{{json .}}'}; {@code rootlesskitArgs} and {@code dockerdArgs} are the
     * command lines of the engine's processes (empty when not found), which tell what {@code info} does not.
     */
    static EngineConfig fromDocker(JsonNode info, List<String> rootlesskitArgs, List<String> dockerdArgs) {
        List<String> secOpts = new ArrayList<>();
        boolean rootless = false;
        for (JsonNode o : info.path("SecurityOptions")) {
            String name = o.asText().replaceFirst("^name=", "").replaceFirst(",.*$", "");
            secOpts.add(name);
            rootless |= name.equals("rootless");
        }
        String runtime = info.path("DefaultRuntime").asText("runc");
        String commit = info.path("RuncCommit").path("ID").asText("");
        String oci = runtime + (runtime.equals("runc") && !commit.isEmpty() ? " " + commit : "");
        String network = "bridge";
        if (rootless) {
            String net = flag(rootlesskitArgs, "--net").orElse("slirp4netns");
            String port = flag(rootlesskitArgs, "--port-driver").orElse("builtin");
            network = "bridge over " + net + ", port driver " + port;
        }
        // docker-proxy is on unless the daemon was started with --userland-proxy=false (or daemon.json says so)
        boolean proxy = flag(dockerdArgs, "--userland-proxy").map(v -> !v.equals("false")).orElse(!daemonJsonDisablesProxy(rootless));
        return new EngineConfig(text(info.path("Driver")), text(info.path("CgroupVersion")), text(info.path("CgroupDriver")),
                oci, network, proxy || rootless && !"none".equals(flag(rootlesskitArgs, "--port-driver").orElse("builtin")),
                String.join(",", secOpts), "docker " + info.path("ServerVersion").asText(""));
    }

    private static boolean daemonJsonDisablesProxy(boolean rootless) {
        if (rootless) return false; // the rootless daemon.json lives in the user's home: default applies unless flagged
        try {
            JsonNode d = JSON.readTree(Files.readString(Path.of("/etc/docker/daemon.json")));
            return d.has("userland-proxy") && !d.get("userland-proxy").asBoolean(true);
        } catch (IOException e) {
            return false;
        }
    }

    /** The value of {@code --name=value} or {@code --name value} in an argument list. */
    static Optional<String> flag(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(name + "=")) return Optional.of(a.substring(name.length() + 1));
            if (a.equals(name) && i + 1 < args.size()) return Optional.of(args.get(i + 1));
        }
        return Optional.empty();
    }

    private List<String> rootlesskitArgs(int uid) {
        return cmdlineOf(uid, "rootlesskit");
    }

    private List<String> dockerdArgs(int uid) {
        return cmdlineOf(uid, "dockerd");
    }

    /** The argv of the first process named {@code comm} owned by {@code uid}, or empty. */
    private static List<String> cmdlineOf(int uid, String comm) {
        for (ProcFs.ProcStatus p : ProcFs.all()) {
            if (p.uid() != uid || !p.name().equals(comm)) continue;
            try {
                String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), StandardCharsets.UTF_8);
                return List.of(raw.split("\0"));
            } catch (IOException e) {
                // the process went away between listing and reading: try the next one
            }
        }
        return List.of();
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("").strip();
    }
}
