package probelab;

import org.junit.jupiter.api.Assumptions;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** What tests need from the machine; under CI=true a missing piece fails the test instead of skipping it. */
public final class TestEnv {
    /*
     * Time limits per test method, for @Timeout on the classes that need more than the suite's default of 5 minutes
     * (app/test/resources/junit-platform.properties). Each is several times what such a test took on a fresh 2-core
     * machine, whose first runs import images and fill Go's build cache: a limit is for a stuck test, never a slow one.
     */
    /** Tests that drive container engines: image imports and builds; OciCliRuntimeTest took 228 s in all. */
    public static final long ENGINE_TEST_MINUTES = 20;
    /** Tests that run go build with several toolchains on cold caches; JobRunnerTest took 64 s in all. */
    public static final long BUILD_TEST_MINUTES = 15;
    /** Tests that drive Chromium through whole pages and jobs, with waits of up to 3 minutes each. */
    public static final long BROWSER_TEST_MINUTES = 10;

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
