package probelab.probe;

import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.List;

/** Forwards to a real runtime; tests override one method to inject a real fault. */
class DelegatingRuntime implements Runtime {
    private final Runtime inner;

    DelegatingRuntime(Runtime inner) {
        this.inner = inner;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String displayName() {
        return inner.displayName();
    }

    @Override
    public Availability availability() {
        return inner.availability();
    }

    @Override
    public void prepare(Toolchain toolchain, Path serverBinary, String jobId) throws RuntimeFailure {
        inner.prepare(toolchain, serverBinary, jobId);
    }

    @Override
    public DevLoop startDevLoop(probelab.catalog.DevLoopWay way, Toolchain toolchain, DevProject project, BuildCache cache,
                                int hostPort, String jobId) throws RuntimeFailure {
        return inner.startDevLoop(way, toolchain, project, cache, hostPort, jobId);
    }

    @Override
    public String devLoopNotApplicable(probelab.catalog.DevLoopWay way) {
        return inner.devLoopNotApplicable(way);
    }

    @Override
    public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId) throws RuntimeFailure {
        return inner.startServer(toolchain, serverBinary, hostPort, jobId);
    }

    @Override
    public List<String> cacheModes() {
        return inner.cacheModes();
    }

    @Override
    public BuildCache newBuildCache(String mode, String jobId) throws RuntimeFailure {
        return inner.newBuildCache(mode, jobId);
    }

    @Override
    public UserCommand buildCommand(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache) throws RuntimeFailure {
        return inner.buildCommand(toolchain, projectDir, targets, cache);
    }

    @Override
    public BuildOutcome build(Toolchain toolchain, Path projectDir, List<String> targets, BuildCache cache, long timeoutMillis)
            throws RuntimeFailure {
        return inner.build(toolchain, projectDir, targets, cache, timeoutMillis);
    }

    @Override
    public Overhead overhead() {
        return inner.overhead();
    }

    @Override
    public void removeLeftovers(String jobId) {
        inner.removeLeftovers(jobId);
    }
}
