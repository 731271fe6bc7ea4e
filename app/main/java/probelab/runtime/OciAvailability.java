package probelab.runtime;

import probelab.process.Exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Tells whether a CLI runtime can be used now, and if not, names the cause a user can act on. */
final class OciAvailability {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final OciCli cli;

    OciAvailability(OciCli cli) {
        this.cli = cli;
    }

    Runtime.Availability check() {
        OciRuntimeSpec spec = cli.spec();
        String via = cli.describe();
        if (!spec.wrapper().isEmpty()) {
            String w = spec.wrapper().get(0);
            if (!onPath(w)) return Runtime.Availability.down(w + " not found", via);
        } else if (!onPath(spec.cli())) {
            return Runtime.Availability.down(spec.cli() + " not found", via);
        }
        if (cli.viaRunuser()) {
            if (!"root".equals(System.getProperty("user.name"))) {
                return Runtime.Availability.down("running the CLI as user '" + spec.runAsUser() + "' needs root (runuser)", via);
            }
            if (!onPath("runuser")) return Runtime.Availability.down("runuser not found", via);
        }
        try {
            via = String.join(" ", cli.command(List.of()));
            if (spec.context() != null) {
                Exec.Result ctx = cli.run(TIMEOUT_MILLIS, "context", "inspect", spec.context(), "--format",
                        "{{.Endpoints.docker.Host}}");
                // a missing context fails every command; saying so beats the CLI's "meta.json: no such file"
                if (!ctx.ok()) {
                    return Runtime.Availability.down("docker context '" + spec.context() + "' not found", via);
                }
                via = via + " (" + ctx.stdout().strip() + ")";
            }
            Exec.Result v = switch (spec.engine()) {
                // not `info`: it waits for the storage lock, which another job's build may hold for many seconds
                case PODMAN -> cli.run(TIMEOUT_MILLIS, "version", "--format", "{{.Version}}");
                case NERDCTL -> cli.run(TIMEOUT_MILLIS, "info", "--format", "{{.ServerVersion}}");
                case DOCKER -> cli.run(TIMEOUT_MILLIS, "version", "--format", "{{.Server.Version}}");
            };
            if (!v.ok() || v.stdout().isBlank()) return Runtime.Availability.down(downReason(v), via);
            String engineName = spec.engine().name().toLowerCase(Locale.ROOT);
            String version = engineName + " " + v.stdout().strip();
            if (spec.ociRuntime() != null) {
                version = version + " + " + ociRuntimeVersion();
                via = via + " with --runtime " + spec.ociRuntime();
            }
            return Runtime.Availability.up(version, via);
        } catch (RuntimeFailure e) {
            return Runtime.Availability.down(e.getMessage(), via);
        }
    }

    /**
     * The spec's OCI runtime and its version ("runsc release-20240729.0"); throws with why it cannot run containers
     * here: not installed, not known to the docker daemon (podman finds runsc and crun by name itself), or refused by
     * this machine's cgroups.
     */
    private String ociRuntimeVersion() throws RuntimeFailure {
        String oci = cli.spec().ociRuntime();
        if (!onPath(oci)) throw new RuntimeFailure(oci + " not found: ./probelab setup installs it");
        if (cli.spec().engine() == OciRuntimeSpec.Engine.DOCKER) {
            Exec.Result r = cli.run(TIMEOUT_MILLIS, "info", "--format", "{{json .Runtimes}}");
            if (!r.ok()) throw new RuntimeFailure("cannot ask the engine for its OCI runtimes: " + r.reason());
            if (!r.stdout().contains("\"" + oci + "\"")) {
                throw new RuntimeFailure("the docker daemon has no OCI runtime named " + oci + " (its runtimes: "
                        + r.stdout().strip() + "): add it to \"runtimes\" in /etc/docker/daemon.json and reload dockerd "
                        + "(./probelab setup does so when it writes that file)");
            }
        }
        String refusal = cgroupRefusal(oci, Path.of("/sys/fs/cgroup"));
        if (refusal != null) throw new RuntimeFailure(refusal);
        String first = OciEngineConfig.ociVersionLine(oci, TIMEOUT_MILLIS);
        return first.isEmpty() ? oci : first.replace(" version ", " ");
    }

    /**
     * Why {@code oci} cannot create a container on the cgroup hierarchy at {@code cgroupRoot}, or null: crun refuses a
     * hybrid hierarchy (cgroup v1 with a v2 "unified" one beside it) whose v2 part has controllers ("cgroups in hybrid mode
     * not supported, drop all controllers from cgroupv2"), which is what this kind of VM has; runc and runsc run there.
     */
    static String cgroupRefusal(String oci, Path cgroupRoot) {
        if (!oci.equals("crun") && !oci.endsWith("/crun")) return null;
        if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) return null; // cgroup v2 alone
        try {
            Path unified = cgroupRoot.resolve("unified").resolve("cgroup.controllers");
            String controllers = Files.isReadable(unified) ? Files.readString(unified).strip() : "";
            if (controllers.isEmpty()) return null;
            return "crun refuses this machine's cgroups: v1 with a v2 hierarchy beside it that has controllers ("
                    + controllers + "), \"cgroups in hybrid mode not supported, drop all controllers from cgroupv2\"";
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private String downReason(Exec.Result r) {
        String text = (r.stderr() + "\n" + r.stdout()).toLowerCase(Locale.ROOT);
        if (r.timedOut()) return "engine did not answer within " + TIMEOUT_MILLIS / 1000 + " s";
        if (text.contains("context not found") || text.contains("context \"")) {
            return "docker context '" + cli.spec().context() + "' not found";
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
}
