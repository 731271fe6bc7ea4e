package probelab.cli;

import probelab.Config;
import probelab.Probelab;
import probelab.probe.Catalogs;
import probelab.probe.ServerBinaries;
import probelab.runtime.RuntimeFailure;
import probelab.runtime.RuntimeRegistry;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;

/** What every bench command starts from: the configuration, one toolchain (named or newest) and the built-in runtimes. */
record BenchSetup(Config config, Toolchain toolchain, RuntimeRegistry runtimes) {
    static BenchSetup of(String go) {
        Config config = Config.fromEnvironment(null);
        Catalogs found = Probelab.discover(config);
        return new BenchSetup(config, found.toolchains().namedOrNewest(go), found.runtimes());
    }

    /** The static echo server binary of this toolchain, built on first use. */
    Path echo() throws RuntimeFailure {
        return new ServerBinaries(config.probesDir(), config.binDir()).echo(toolchain);
    }

    /**
     * The runtime {@code id}, prepared for {@code jobId} with this toolchain; empty (and said so on stdout) when it is
     * not available, which fails the bench.
     */
    java.util.Optional<probelab.runtime.Runtime> prepared(String id, String jobId) throws RuntimeFailure {
        probelab.runtime.Runtime rt = runtimes.get(id);
        if (!rt.availability().available()) {
            System.out.printf("%-16s unavailable: %s%n", id, rt.availability().reason());
            return java.util.Optional.empty();
        }
        rt.prepare(toolchain, echo(), jobId);
        return java.util.Optional.of(rt);
    }

    /** A native echo server on a free loopback port, already answering; closing it stops it. */
    record RunningEcho(Process process, int port) implements AutoCloseable {
        java.net.URI url(String path) {
            return java.net.URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    RunningEcho startEcho() throws Exception {
        int port = probelab.process.LoopbackPorts.free();
        Process server = new ProcessBuilder(echo().toString(), "-addr", "127.0.0.1:" + port, "-exit-with-parent")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            probelab.probe.Readiness.awaitHttp200(port, 10_000, server::isAlive);
        } catch (probelab.probe.Readiness.NotReady e) {
            server.destroy();
            throw e;
        }
        return new RunningEcho(server, port);
    }
}
