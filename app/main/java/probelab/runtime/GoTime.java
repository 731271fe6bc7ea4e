package probelab.runtime;

import probelab.process.Exec;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * probes/gotime: a static Go helper put in front of {@code go build} (natively, and baked into the toolchain image at
 * {@link #IN_IMAGE}) that times the build itself and prints {@code gotime_ns=<n>} as its last stderr line, so a
 * build's wall time can be split into "go build" and "everything around it" (container create, start, removal).
 */
public final class GoTime {
    /** No helper: builds are timed from outside only. */
    public static final GoTime NONE = new GoTime(null, null);
    /** Where the toolchain image has the helper. */
    static final String IN_IMAGE = "/probelab/gotime";
    static final String PREFIX = "gotime_ns=";

    private final Path probesDir;
    private final Path binDir;

    public GoTime(Path probesDir, Path binDir) {
        this.probesDir = probesDir;
        this.binDir = binDir;
    }

    boolean enabled() {
        return probesDir != null && Files.isRegularFile(probesDir.resolve("gotime").resolve("main.go"));
    }

    /** The helper built by {@code toolchain} (static), into var/bin; rebuilt when its source is newer. */
    synchronized Path binary(Toolchain toolchain) throws RuntimeFailure {
        if (!enabled()) throw new RuntimeFailure("probes/gotime/main.go is missing");
        Path out = binDir.resolve("gotime-go" + toolchain.version());
        Path source = probesDir.resolve("gotime").resolve("main.go");
        try {
            Files.createDirectories(binDir);
            if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return out;
            }
            Path cache = binDir.resolve("gocache");
            Files.createDirectories(cache);
            // a name of this call's own: another process (a CLI job beside the server) may build the same binary now
            Path tmp = binDir.resolve(out.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
            // goEnv has CGO_ENABLED=0: a static binary that runs in an image with nothing else
            Exec.Result r = Exec.run(List.of(toolchain.goBinary().toString(), "build", "-trimpath", "-o", tmp.toString(), "./gotime"),
                    probesDir, NativeRuntime.goEnv(toolchain, cache), 300_000);
            if (!r.ok()) throw new RuntimeFailure("cannot build probes/gotime with go " + toolchain.version() + ": " + r.reason());
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The child's wall time from the helper's last {@code gotime_ns=} stderr line, or -1 when there is none. */
    static long parseNanos(String stderr) {
        if (stderr == null) return -1;
        String[] lines = stderr.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String t = lines[i].strip();
            if (t.startsWith(PREFIX)) {
                try {
                    return Long.parseLong(t.substring(PREFIX.length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
