package probelab.cli;

import probelab.Config;
import probelab.Probelab;
import probelab.probe.Catalogs;
import probelab.probe.ServerBinaries;
import probelab.process.FileTrees;
import probelab.runtime.RuntimeFailure;
import probelab.runtime.RuntimeRegistry;
import probelab.toolchain.Toolchain;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

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

    /** One runtime's part of a bench on the tiny workload: the runtime, prepared, and its own copy of the workload. */
    record TinyRun(probelab.runtime.Runtime runtime, Workload workload, WorkloadGenerator generator, String jobId, Path work) {
    }

    /** What a bench does with one runtime; true when its figures pass. */
    @FunctionalInterface
    interface TinyBench {
        boolean run(TinyRun run) throws Exception;
    }

    /**
     * Runs {@code each} for each of {@code runtimeIds} on its own copy of the tiny workload, all under one job id (named
     * after {@code bench}) whose leftovers (containers, volumes) are removed at the end with the scratch directory; true
     * when every runtime was available and every run passed.
     */
    boolean eachRuntimeOnTiny(String bench, List<String> runtimeIds, TinyBench each) throws Exception {
        WorkloadGenerator gen = new WorkloadGenerator(config.workloadsDir());
        Path work = Files.createDirectories(config.scratchDir()).resolve("bench-" + bench + "-" + ProcessHandle.current().pid());
        String jobId = "bench-" + bench + "-" + UUID.randomUUID().toString().substring(0, 8);
        boolean ok = true;
        try {
            for (String id : runtimeIds) {
                var prepared = prepared(id, jobId);
                if (prepared.isEmpty()) {
                    ok = false;
                    continue;
                }
                Workload w = gen.copyTo(gen.ensure(ProjectSize.TINY), work.resolve(id));
                ok &= each.run(new TinyRun(prepared.get(), w, gen, jobId, work));
            }
        } finally {
            for (String id : runtimeIds) runtimes.get(id).removeLeftovers(jobId);
            FileTrees.deleteBestEffort(work);
        }
        return ok;
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
