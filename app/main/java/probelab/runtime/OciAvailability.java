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
            return Runtime.Availability.up(engineName + " " + v.stdout().strip(), via);
        } catch (RuntimeFailure e) {
            return Runtime.Availability.down(e.getMessage(), via);
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
