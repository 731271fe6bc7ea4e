package probelab.runtime;

import probelab.TestEnv;
import probelab.probe.ServerBinaries;
import probelab.process.LoopbackPorts;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** What the tests against real engines share: {@link TestEnv#sharedVar()} (images are reused), a toolchain, the echo binary. */
final class EngineSupport {
    static final Path ROOT = TestEnv.root();
    static final Path VAR = TestEnv.sharedVar();
    static final Path SCRATCH = VAR.resolve("scratch");
    static final GoTime GO_TIME = new GoTime(ROOT.resolve("probes"), VAR.resolve("bin"));
    static final OciImages IMAGES = new OciImages(VAR.resolve("images"), GO_TIME);

    private static Toolchain toolchain;
    private static Path echo;

    private EngineSupport() {
    }

    /** The newest Go, as a probe job uses by default, so the images the tests import serve real jobs too. */
    static synchronized Toolchain toolchain() {
        if (toolchain == null) toolchain = Toolchains.discover().newest();
        return toolchain;
    }

    static synchronized Path echoBinary() throws RuntimeFailure {
        if (echo == null) echo = new ServerBinaries(ROOT.resolve("probes"), VAR.resolve("bin")).echo(toolchain());
        return echo;
    }

    static OciCliRuntime runtime(OciRuntimeSpec spec) {
        return new OciCliRuntime(spec, IMAGES, SCRATCH);
    }

    /** Under CI=true a runtime that should be there fails the test; on a developer's machine it is skipped. */
    static void requireAvailable(Runtime rt) {
        Runtime.Availability a = rt.availability();
        TestEnv.require(a.available(), "runtime " + rt.id() + " (" + a.reason() + ", via " + a.reachedVia() + ")");
    }

    static int freePort() {
        try {
            return LoopbackPorts.free();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newJobId() {
        return "test-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
