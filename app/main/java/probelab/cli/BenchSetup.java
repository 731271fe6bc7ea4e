package probelab.cli;

import probelab.Config;
import probelab.probe.ServerBinaries;
import probelab.runtime.RuntimeFailure;
import probelab.runtime.RuntimeRegistry;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

import java.nio.file.Path;

/** What every bench command starts from: the configuration, one toolchain (named or newest) and the built-in runtimes. */
record BenchSetup(Config config, Toolchain toolchain, RuntimeRegistry runtimes) {
    static BenchSetup of(String go) {
        Config config = Config.fromEnvironment(null);
        Toolchain tc = Toolchains.discover().namedOrNewest(go);
        return new BenchSetup(config, tc, RuntimeRegistry.builtIn(config.varDir(), config.scratchDir(), config.probesDir(), config.binDir()));
    }

    /** The static echo server binary of this toolchain, built on first use. */
    Path echo() throws RuntimeFailure {
        return new ServerBinaries(config.probesDir(), config.binDir()).echo(toolchain);
    }
}
