package probelab;

import org.junit.jupiter.api.Assumptions;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** What tests need from the machine; under CI=true a missing piece fails the test instead of skipping it. */
public final class TestEnv {
    private TestEnv() {
    }

    public static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) unless {@code condition} holds. */
    public static void require(boolean condition, String what) {
        if (condition) return;
        if (ci()) fail("CI=true and " + what + " is missing: ./probelab setup should have installed it");
        Assumptions.abort(what + " is missing");
    }

    /** At least {@code n} Go toolchains; returns them oldest first. */
    public static List<Toolchain> toolchains(int n) {
        List<Toolchain> all = Toolchains.discover().all();
        require(all.size() >= n, n + " Go toolchains");
        return all;
    }

    /** The project root, where probes/ and templates/ are. */
    public static Path root() {
        return Path.of(System.getProperty("probelab.root", ".")).toAbsolutePath().normalize();
    }

    /**
     * A config rooted at the project's sources with its database in {@code dbDir}; built binaries and
     * generated workloads are shared by all tests under target/test-var, as they would be between jobs.
     */
    public static Config config(Path dbDir) {
        return new Config(root(), root().resolve("target").resolve("test-var"), dbDir.resolve("test.duckdb"));
    }
}
