package probelab.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.catalog.Metric;
import probelab.process.FileTrees;
import probelab.runtime.ImageBuilder;
import probelab.runtime.RuntimeFailure;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image build family of one iteration, on a fresh copy of the workload with its Dockerfiles next to it: a cold
 * build ({@code --no-cache}, the previous image removed first), a warm one (nothing changed), an incremental one (one
 * file edited) and, where the builder has cache mounts, an incremental one whose go build keeps GOCACHE in a
 * {@code RUN --mount=type=cache}. Each interval is the one {@code <cli> build} command; sizes, cleanup and the rest
 * come after it.
 */
final class ImageBuildProbe {
    private static final long BUILD_TIMEOUT_MILLIS = 30 * 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Metric> FAMILY = List.of(Metric.IMAGE_BUILD_MS, Metric.IMAGE_SIZE_BYTES);

    private final WorkloadGenerator workloads;
    private final Path workDir;

    /** @param workDir where each iteration's build context goes (var/scratch/work), deleted when the iteration ends */
    ImageBuildProbe(WorkloadGenerator workloads, Path workDir) {
        this.workloads = workloads;
        this.workDir = workDir;
    }

    /** A cell whose image builds can never run: its one iteration records why (a failure, or not applicable). */
    static boolean unusable(Cell cell) {
        return cell.unusable != null || cell.runtime.imageBuildsNotApplicable() != null;
    }

    void measure(Cell cell, Recorder rec) {
        String na = cell.runtime.imageBuildsNotApplicable();
        if (cell.unusable != null) {
            failFrom(rec, Metric.COLD, cell.unusable);
            return;
        }
        if (na != null) {
            markNotApplicable(cell, rec, na);
            return;
        }
        ImageBuilder builder;
        try {
            builder = cell.runtime.imageBuilder(cell.toolchain, cell.jobId);
        } catch (RuntimeFailure e) {
            failFrom(rec, Metric.COLD, e.getMessage());
            return;
        }
        // one run per cell and one iteration at a time: the run's suffix and the iteration make the tag unique in the job
        String n = cell.runId.substring(cell.runId.lastIndexOf('-') + 1) + "-" + rec.iteration();
        Path dir = workDir.resolve(cell.runId + "-image-" + rec.iteration());
        try {
            measure(cell, rec, builder, n, dir);
        } finally {
            builder.removeAll();
            FileTrees.deleteBestEffort(dir);
        }
    }

    private void measure(Cell cell, Recorder rec, ImageBuilder builder, String n, Path dir) {
        Workload w;
        Path plain = dir.resolve("Dockerfile");
        Path cached = dir.resolve("Dockerfile.cachemount");
        try {
            // a copy of its own: the build family edits the cell's copy, and an edit both made would change nothing
            w = workloads.copyTo(workloads.ensure(cell.size), dir.resolve("src"));
            // the builder sees the context alone: the modules go into it, as the project's own local proxy
            if (w.usesModules()) workloads.bundleGoProxy(w);
            Files.writeString(plain, dockerfile(builder, w, null), StandardCharsets.UTF_8);
            Files.writeString(cached, dockerfile(builder, w, builder.cacheMountId(n)), StandardCharsets.UTF_8);
            // a rootless engine's CLI runs as another user, who must read the context and the Dockerfiles
            FileTrees.openToOthers(dir, false);
        } catch (IOException | RuntimeException e) {
            failFrom(rec, Metric.COLD, "cannot write the build context: " + e.getMessage());
            return;
        }
        String tag = builder.tag(n);
        builder.remove(tag);
        if (!buildOnce(builder, w, plain, tag, true, Metric.COLD, rec)) return;
        if (!buildOnce(builder, w, plain, tag, false, Metric.WARM, rec)) return;
        workloads.applyEdit(w, 0);
        if (!buildOnce(builder, w, plain, tag, false, Metric.INCREMENTAL, rec)) return;
        String noCacheMount = builder.cacheMountNotApplicable();
        if (noCacheMount != null) {
            markNotApplicable(cell, rec, Metric.CACHEMOUNT + ": " + noCacheMount);
            return;
        }
        // fills the cache mount with this source (not measured: the RUN line differs, so the layer cache misses and
        // go build compiles everything into the mount), then measures the next edit's build with it
        try {
            var fill = builder.build(w.dir(), cached, tag, false, BUILD_TIMEOUT_MILLIS);
            if (!fill.result().ok()) {
                rec.failed(Metric.IMAGE_BUILD_MS, Metric.CACHEMOUNT, "the build that fills the cache mount failed ("
                        + builder.describe() + "): " + fill.result().reason());
                return;
            }
        } catch (RuntimeFailure e) {
            rec.failed(Metric.IMAGE_BUILD_MS, Metric.CACHEMOUNT, e.getMessage());
            return;
        }
        workloads.applyEdit(w, 1);
        buildOnce(builder, w, cached, tag, false, Metric.CACHEMOUNT, rec);
    }

    /** Times one build and records it, its image's size and its steps; false (and the later phases failed) when it failed. */
    private boolean buildOnce(ImageBuilder builder, Workload w, Path dockerfile, String tag, boolean noCache, String phase,
                              Recorder rec) {
        ImageBuilder.Outcome out;
        try {
            out = builder.build(w.dir(), dockerfile, tag, noCache, BUILD_TIMEOUT_MILLIS);
        } catch (RuntimeFailure e) {
            failFrom(rec, phase, e.getMessage());
            return false;
        }
        if (!out.result().ok()) {
            failFrom(rec, phase, builder.describe() + " failed: " + out.result().reason());
            return false;
        }
        rec.ok(Metric.IMAGE_BUILD_MS, phase, out.wallNanos() / 1e6, builder.describe() + ", FROM " + builder.baseImage() + ": "
                + out.command());
        for (ImageBuilder.Step s : out.steps()) {
            rec.ok(Metric.IMAGE_BUILD_STEP_MS, phase + "/" + s.number(), s.durationNanos() / 1e6, s.instruction());
        }
        try {
            rec.ok(Metric.IMAGE_SIZE_BYTES, phase, builder.sizeBytes(tag), builder.describe() + ": image inspect --format {{.Size}} " + tag);
        } catch (RuntimeFailure e) {
            rec.failed(Metric.IMAGE_SIZE_BYTES, phase, e.getMessage());
        }
        return true;
    }

    /**
     * The multi-stage Dockerfile of {@code w}: go build in the Go image (no shell there, so every RUN is in exec
     * form), the binaries alone FROM scratch. Both stages carry the builder's labels, so the intermediate images are
     * found and removed with the job. With {@code cacheMountId}, go build keeps GOCACHE in that cache mount.
     */
    static String dockerfile(ImageBuilder builder, Workload w, String cacheMountId) throws JsonProcessingException {
        return dockerfile(builder, w, cacheMountId, null);
    }

    /** {@link #dockerfile(ImageBuilder, Workload, String)} of the server alone, at {@code /app/<serverName>} (null: every command). */
    static String dockerfile(ImageBuilder builder, Workload w, String cacheMountId, String serverName) throws JsonProcessingException {
        StringBuilder labels = new StringBuilder("LABEL");
        for (String kv : builder.labels()) {
            int eq = kv.indexOf('=');
            labels.append(' ').append(JSON.writeValueAsString(kv.substring(0, eq))).append('=')
                    .append(JSON.writeValueAsString(kv.substring(eq + 1)));
        }
        List<String> goBuild = new ArrayList<>(List.of("go", "build", "-o", "/out/" + (serverName == null ? "" : serverName)));
        goBuild.addAll(serverName == null ? w.buildTargets() : List.of(w.serveTarget()));
        StringBuilder d = new StringBuilder();
        d.append("# generated by probelab for the ").append(w.size().id()).append(" workload\n");
        d.append("FROM ").append(builder.baseImage()).append(" AS build\n");
        d.append(labels).append('\n');
        // a go.work workspace refuses the image's GOFLAGS=-mod=mod
        if (w.isWorkspace()) d.append("ENV GOFLAGS=\"\"\n");
        if (w.usesModules()) {
            d.append("ENV GOPROXY=file:///src/").append(WorkloadGenerator.BUNDLED_GOPROXY).append(" GOSUMDB=off\n");
        }
        // WORKDIR creates /out, where COPY --from looks, even when no package is a command
        d.append("WORKDIR /out\nWORKDIR /src\nCOPY . /src\n");
        d.append("RUN ");
        if (cacheMountId != null) {
            d.append("--mount=type=cache,id=").append(cacheMountId).append(",target=").append(builder.goCacheDir()).append(' ');
        }
        d.append(JSON.writeValueAsString(goBuild)).append('\n');
        d.append("FROM scratch\n").append(labels).append('\n');
        d.append("COPY --from=build /out/ /app/\n");
        return d.toString();
    }

    /** Every phase from {@code phase} on fails with the reason (the ones after it because of it). */
    private static void failFrom(Recorder rec, String phase, String why) {
        List<String> phases = Metric.IMAGE_BUILD_MS.phases();
        for (int i = phases.indexOf(phase); i < phases.size(); i++) {
            rec.failed(Metric.IMAGE_BUILD_MS, phases.get(i), phases.get(i).equals(phase) ? why
                    : "an earlier build of this iteration failed (" + phase + ")");
        }
    }

    private static void markNotApplicable(Cell cell, Recorder rec, String why) {
        rec.notApplicable(cell.firstNotApplicable(FAMILY), why);
    }
}
