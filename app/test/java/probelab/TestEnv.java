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

    /**
     * Resource lock of the classes that drive container engines, Go builds or load generators. Classes whose assertions
     * rest on what was measured (verdicts, loads against wrk, a machine that is not busy, memory, time limits) hold it
     * alone (READ_WRITE), and {@link #ENGINES} as well, and run with nothing else of the kind: holding ENGINES puts them
     * in the engine classes' one queue in the suite's order ({@link SuiteOrder}), where waiting for MACHINE alone let
     * them cut in before every engine class that was already waiting. Classes that only need their builds and samples to
     * succeed hold it shared (READ) with {@link #ENGINES} or {@link #NATIVE_GO}: an engine class and a native Go class
     * may then run side by side, the native one filling the cores while the engine one waits for containers (a fresh
     * suite's timeline showed one core idle for ~200 core-seconds in its second half), never two of one kind. Classes
     * that need none of this (database, web server, statistics) run beside any of them.
     */
    public static final String MACHINE = "probelab.machine";
    /**
     * With {@link #MACHINE} shared: the classes that use the container engines, one at a time. Two side by side were
     * tried: a docker build's intermediate containers carry no label of their job, so one class's sweep and checks took
     * the other's for its own (a build killed with exit 137, "the closed server is removed" failing on them).
     */
    public static final String ENGINES = "probelab.engines";
    /** With {@link #MACHINE} shared: the classes that compile and vet generated Go code natively, one at a time. */
    public static final String NATIVE_GO = "probelab.native-go";
    /**
     * Resource lock of the classes that drive Chromium: one browser at a time beside the engine tests. JUnit takes a
     * class's locks in the order of their keys, and this key sorts after the others: a browser class that also waits
     * for the engines (JobsBrowserTest) takes the browser last, instead of holding it while it waits and keeping every
     * other browser class waiting too (a fresh suite ran all of them at its end, one after another).
     */
    public static final String BROWSER = "probelab.web-browser";

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
     * The project's var/, which every test that builds or imports something shares with the others and with real
     * jobs: the echo and gotime binaries with their Go build cache (bin/), image filesystems (images/) and generated
     * workloads (workloads/). Each is keyed by what went into it (toolchain version and source time, a content hash,
     * the generator's version), so reusing it is safe, and a fresh clone pays for each once per suite instead of once
     * per test class (a cold Go build of the echo server, a copy of a GOROOT: tens of seconds each). The CLI tests
     * cannot use anything else: probelab.cli.Main keeps them under its root's var/ (whose runtimes.json, if a developer
     * wrote one, applies to these tests as it does to the CLI's). What tests measure cold stays cold:
     * a job's build caches are fresh directories, volumes or containers, and a cold image build runs with
     * --no-cache.
     */
    public static Path sharedVar() {
        return root().resolve("var");
    }

    /**
     * One Go build cache for the tests that check generated code with the native toolchains (go vet, go build of the
     * workloads): what they ask is whether the code compiles, not how fast, so a cold standard library compiled once
     * serves them all (Go's cache is safe to share between concurrent go commands; its keys hold the toolchain).
     */
    public static Path sharedGoCache() {
        return sharedVar().resolve("test-gocache");
    }

    /** A config rooted at the project's sources with its database in {@code dbDir} and {@link #sharedVar()}. */
    public static Config config(Path dbDir) {
        return new Config(root(), sharedVar(), dbDir.resolve("test.duckdb"));
    }
}
