package probelab.probe;

import probelab.process.Exec;
import probelab.runtime.NativeRuntime;
import probelab.runtime.RuntimeFailure;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Builds the Go programs probes run (probes/echo, probes/treewalk) as static Linux binaries with each toolchain, once, into var/bin. */
public final class ServerBinaries {
    private final Path probesDir;
    private final Path binDir;

    public ServerBinaries(Path probesDir, Path binDir) {
        this.probesDir = probesDir;
        this.binDir = binDir;
    }

    /** The echo server built by {@code toolchain}; rebuilt when its source is newer than the binary. */
    public synchronized Path echo(Toolchain toolchain) throws RuntimeFailure {
        return build(toolchain, "echo", "the echo server");
    }

    /** probes/treewalk built by {@code toolchain} (the files family's walker); rebuilt when its source is newer. */
    public synchronized Path treeWalker(Toolchain toolchain) throws RuntimeFailure {
        return build(toolchain, "treewalk", "probes/treewalk");
    }

    private Path build(Toolchain toolchain, String name, String words) throws RuntimeFailure {
        Path out = binDir.resolve(name + "-go" + toolchain.version());
        Path source = probesDir.resolve(name).resolve("main.go");
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
            var r = Exec.run(List.of(toolchain.goBinary().toString(), "build", "-trimpath", "-o", tmp.toString(), "./" + name),
                    probesDir, NativeRuntime.goEnv(toolchain, cache), 300_000);
            if (!r.ok()) throw new RuntimeFailure("cannot build " + words + " with go " + toolchain.version() + ": " + r.reason());
            // rootless engines bind-mount it as another user
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
