package probelab.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import probelab.catalog.DevLoopWay;
import probelab.process.FileTrees;
import probelab.runtime.ImageBuilder;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.toolchain.Toolchain;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project a dev loop runs, as the job's probe and {@code probelab bench devloop} both give it to a runtime. */
public final class DevProjects {
    /** The image way's Dockerfile, beside the project's files in its context. */
    static final String DEV_DOCKERFILE = "Dockerfile.probelab-dev";

    private DevProjects() {
    }

    /**
     * {@code w} as the dev loop of {@code way} on {@code runtime} needs it; for the image way with a Dockerfile in the
     * project: the server built FROM the Go image as image builds do (the modules bundled into the context as its local
     * proxy), alone FROM scratch at {@link Runtime#DEV_IMAGE_SERVER}. Outside any measured interval.
     */
    public static Runtime.DevProject of(DevLoopWay way, Runtime runtime, Toolchain toolchain, String jobId,
                                        WorkloadGenerator workloads, Workload w) throws RuntimeFailure, IOException {
        if (way != DevLoopWay.IMAGE) return new Runtime.DevProject(w.dir(), w.serveTarget(), null);
        ImageBuilder builder = runtime.imageBuilder(toolchain, jobId);
        if (w.usesModules()) workloads.bundleGoProxy(w);
        Path file = w.dir().resolve(DEV_DOCKERFILE);
        try {
            Files.writeString(file, ImageBuildProbe.dockerfile(builder, w, null,
                    Path.of(Runtime.DEV_IMAGE_SERVER).getFileName().toString()), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        // a rootless engine's builder reads the context as another user
        FileTrees.openToOthers(w.dir(), true);
        return new Runtime.DevProject(w.dir(), w.serveTarget(), file);
    }
}
