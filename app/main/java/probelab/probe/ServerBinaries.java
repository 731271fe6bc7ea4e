package probelab.probe;

import probelab.process.Exec;
import probelab.runtime.NativeRuntime;
import probelab.runtime.RuntimeFailure;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds probes/echo as a static Linux binary with each toolchain, once, into var/bin. */
public final class ServerBinaries {
    private final Path probesDir;
    private final Path binDir;

    public ServerBinaries(Path probesDir, Path binDir) {
        this.probesDir = probesDir;
        this.binDir = binDir;
    }

    /** The echo server built by {@code toolchain}; rebuilt when its source is newer than the binary. */
    public synchronized Path echo(Toolchain toolchain) throws RuntimeFailure {
        Path out = binDir.resolve("echo-go" + toolchain.version());
        Path source = probesDir.resolve("echo").resolve("main.go");
        try {
            Files.createDirectories(binDir);
            if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return out;
            }
            Path cache = binDir.resolve("gocache");
            Files.createDirectories(cache);
            Path tmp = binDir.resolve(out.getFileName() + ".tmp");
            var r = Exec.run(List.of(toolchain.goBinary().toString(), "build", "-trimpath", "-o", tmp.toString(), "./echo"),
                    probesDir, NativeRuntime.goEnv(toolchain, cache), 300_000);
            if (!r.ok()) throw new RuntimeFailure("cannot build the echo server with go " + toolchain.version() + ": " + r.reason());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
