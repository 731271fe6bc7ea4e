package probelab.runtime;

import probelab.process.Exec;

import java.nio.file.Path;
import java.util.List;

/**
 * An engine's image builder ({@code docker build}, {@code podman build}) bound to one job and one toolchain image:
 * builds a Dockerfile the way a user types it, and names, finds and removes what those builds leave behind.
 */
public interface ImageBuilder {
    /** Which builder runs, for every sample's provenance, e.g. {@code docker build (legacy builder, docker 20.10.24)}. */
    String describe();

    /** The image the build stage starts FROM: this toolchain's Go image on this engine. */
    String baseImage();

    /** GOCACHE inside the base image (go's default under its HOME): where a cache mount must go to be used. */
    String goCacheDir();

    /** Why this builder can never run {@code RUN --mount=type=cache}, or null when it can. */
    String cacheMountNotApplicable();

    /**
     * {@code key=value} labels every stage of probelab's Dockerfiles carries (a {@code LABEL} instruction, so the
     * intermediate images have them too): what {@link Runtime#removeLeftovers} finds them by, even after a kill -9.
     */
    List<String> labels();

    /** The tag of this job's {@code n}-th image, e.g. {@code probelab/imagebuild:<job>-<n>}. */
    String tag(String n);

    /** The {@code id} of a cache mount unique to this job's {@code n}-th build, named so leftovers can be found. */
    String cacheMountId(String n);

    /**
     * Runs the one build command ({@code <cli> build [--no-cache] -f dockerfile -t tag context}) and nothing else
     * inside the timed interval; the output lines come with their arrival times.
     */
    Outcome build(Path context, Path dockerfile, String tag, boolean noCache, long timeoutMillis) throws RuntimeFailure;

    /** The same build (layer cache used) as a command a user types, with the environment the builder needs. */
    Runtime.UserCommand buildCommand(Path context, Path dockerfile, String tag) throws RuntimeFailure;

    /** The image's size as the engine reports it ({@code image inspect --format {{.Size}}}). */
    long sizeBytes(String tag) throws RuntimeFailure;

    /** Removes the image with this tag, if any (best effort: the job's leftovers sweep catches the rest). */
    void remove(String tag);

    /** Removes every image and cache mount of this builder's job now. */
    void removeAll();

    /**
     * One build: its wall time from issuing the command to its exit, the command as run, and its output.
     *
     * @param steps the builder's per-step lines ({@code Step 3/7 : ...}, {@code STEP 3/7: ...}) with their durations
     */
    record Outcome(long wallNanos, String command, Exec.Result result, List<Step> steps) {
    }

    /** One Dockerfile step as the builder reported it: its number in the whole build (1-based), text and duration. */
    record Step(int number, String instruction, long durationNanos) {
    }
}
