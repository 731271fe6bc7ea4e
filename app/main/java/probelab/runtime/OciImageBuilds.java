package probelab.runtime;

import probelab.process.Exec;
import probelab.process.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker build} (the legacy builder) and {@code podman build} (Buildah) of probelab's Dockerfiles: which
 * builder the engine has and what it can do, one timed build, the image's size, and removal of the images and
 * cache mounts a job's builds leave (by label and by name, so that a job killed mid-build is swept by the next).
 */
final class OciImageBuilds {
    static final String REPO = "probelab/imagebuild";
    /** Cache mount ids start with this, then the owning process ({@code pid.startMillis}), the job and a number. */
    static final String CACHE_ID_PREFIX = "probelab-imagebuild-";
    // docker's legacy builder: "Step 3/7 : RUN ..."; Buildah: "[1/2] STEP 3/4: RUN ..." (the stage prefix when several)
    private static final Pattern STEP = Pattern.compile("^(?:\\[\\d+/\\d+\\] )?(?:Step|STEP) \\d+/\\d+ ?: (.*)$");
    private static final int REMOVE_PASSES = 5;

    private final OciCli cli;
    private final OciLabelledImages images;
    private volatile Builder detected;

    OciImageBuilds(OciCli cli) {
        this.cli = cli;
        this.images = new OciLabelledImages(cli, OciLabels.IMAGE_BUILD_LABEL, true, REMOVE_PASSES);
    }

    /** What the engine builds with: words for provenance, the environment the CLI needs, cache mounts or why not. */
    private record Builder(String describe, Map<String, String> env, String cacheMountNotApplicable) {
    }

    /** Why this engine's builds are not measured, or null when they are. */
    String notApplicable() {
        if (cli.spec().ociRuntime() != null && cli.spec().engine() == OciRuntimeSpec.Engine.DOCKER) {
            return "docker's builder runs every step with the engine's default OCI runtime, not " + cli.spec().ociRuntime()
                    + ": an image build here is docker's own, measured there";
        }
        return switch (cli.spec().engine()) {
            case DOCKER, PODMAN -> null;
            case NERDCTL -> "nerdctl builds through a BuildKit daemon (buildkitd); probelab measures docker's legacy "
                    + "builder and podman's Buildah only";
        };
    }

    /**
     * @param goCacheDir GOCACHE in {@code baseImage}: no GOCACHE is set there, so it is go's default under the image's
     *                   HOME ({@code /tmp} in probelab's own images, {@code /root} in the official ones)
     */
    ImageBuilder builder(String baseImage, String goCacheDir, String jobId) throws RuntimeFailure {
        String na = notApplicable();
        if (na != null) throw new RuntimeFailure(na);
        Builder b = detect();
        return new JobBuilder(b, baseImage, goCacheDir, jobId);
    }

    /** Reads the builder once per engine: its version, and for docker whether BuildKit (the buildx plugin) exists. */
    private Builder detect() throws RuntimeFailure {
        Builder b = detected;
        if (b != null) return b;
        if (cli.spec().engine() == OciRuntimeSpec.Engine.PODMAN) {
            Exec.Result v = cli.run(OciCli.TIMEOUT_MILLIS, "info", "--format", "{{.Host.BuildahVersion}}");
            if (!v.ok()) throw new RuntimeFailure("cannot read podman's Buildah version: " + v.reason());
            b = new Builder("podman build (buildah " + v.stdout().strip() + ")", Map.of(), null);
        } else {
            Exec.Result v = cli.run(OciCli.TIMEOUT_MILLIS, "version", "--format", "{{.Server.Version}}");
            if (!v.ok()) throw new RuntimeFailure("cannot read the docker engine's version: " + v.reason());
            boolean buildx = cli.run(OciCli.TIMEOUT_MILLIS, "buildx", "version").ok();
            // DOCKER_BUILDKIT=0 names the builder that runs here anyway (no buildx: a newer CLI falls back to it with a
            // deprecation banner, Debian's 20.10 CLI uses it by default), so the measured builder is the same on both
            String why = buildx
                    ? "probelab drives docker's legacy builder (DOCKER_BUILDKIT=0), which has no RUN --mount=type=cache; "
                    + "BuildKit builds through buildx are not measured yet"
                    : "docker build runs the legacy builder here: the docker CLI has no buildx plugin (Debian 12 ships "
                    + "none), so BuildKit is refused (\"BuildKit is enabled but the buildx component is missing\"), "
                    + "and the legacy builder has no RUN --mount=type=cache";
            b = new Builder("docker build (legacy builder, docker " + v.stdout().strip() + ")",
                    Map.of("DOCKER_BUILDKIT", "0"), why);
        }
        detected = b;
        return b;
    }

    /** One job's builds on this engine. */
    private final class JobBuilder implements ImageBuilder {
        private final Builder builder;
        private final String baseImage;
        private final String goCacheDir;
        private final String jobId;

        JobBuilder(Builder builder, String baseImage, String goCacheDir, String jobId) {
            this.builder = builder;
            this.baseImage = baseImage;
            this.goCacheDir = goCacheDir;
            this.jobId = jobId;
        }

        @Override
        public String goCacheDir() {
            return goCacheDir;
        }

        @Override
        public String describe() {
            return builder.describe();
        }

        @Override
        public String baseImage() {
            return baseImage;
        }

        @Override
        public String cacheMountNotApplicable() {
            return builder.cacheMountNotApplicable();
        }

        @Override
        public List<String> labels() {
            return List.of(OciLabels.LABEL + "=1", OciLabels.IMAGE_BUILD_LABEL + "=" + jobId, OciLabels.OWNER_LABEL + "=" + OciLabels.OWNER);
        }

        @Override
        public String tag(String n) {
            return REPO + ":" + jobId + "-" + n;
        }

        @Override
        public String cacheMountId(String n) {
            return CACHE_ID_PREFIX + ownerToken() + "-" + jobId + "-" + n;
        }

        @Override
        public Outcome build(Path context, Path dockerfile, String tag, boolean noCache, long timeoutMillis) throws RuntimeFailure {
            List<String> args = new ArrayList<>(List.of("build"));
            if (noCache) args.add("--no-cache");
            args.addAll(List.of("-f", dockerfile.toAbsolutePath().toString(), "-t", tag, context.toAbsolutePath().toString()));
            String command = String.join(" ", args);
            // the interval is this one process: no other CLI call of probelab's is inside it
            Exec.TimedResult r = cli.runTimed(args, builder.env(), timeoutMillis);
            return new Outcome(r.result().elapsedNanos(), cli.spec().cli() + " " + command, r.result(), steps(r));
        }

        @Override
        public Runtime.UserCommand buildCommand(Path context, Path dockerfile, String tag) throws RuntimeFailure {
            List<String> args = List.of("build", "-f", dockerfile.toAbsolutePath().toString(), "-t", tag,
                    context.toAbsolutePath().toString());
            return new Runtime.UserCommand(cli.command(args, builder.env()), cli.workingDir(), cli.environment(builder.env()));
        }

        @Override
        public long sizeBytes(String tag) throws RuntimeFailure {
            Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "image", "inspect", "--format", "{{.Size}}", tag);
            if (!r.ok()) throw new RuntimeFailure("cannot inspect image " + tag + ": " + r.reason());
            try {
                return Long.parseLong(r.stdout().strip());
            } catch (NumberFormatException e) {
                throw new RuntimeFailure("image inspect of " + tag + " printed no size: " + r.stdout().strip());
            }
        }

        @Override
        public void remove(String tag) {
            try {
                cli.run(OciCli.TIMEOUT_MILLIS, "image", "rm", "-f", tag);
            } catch (RuntimeFailure ignored) {
                // the job's sweep (removeAll, removeLeftovers) removes what this could not
            }
        }

        @Override
        public void removeAll() {
            removeImages(jobId);
            removeCacheMounts(jobId);
        }
    }

    /**
     * Step durations from the builder's step lines: each step lasts from its line to the next one's, the last to the
     * end of the build. Empty when the builder printed none.
     */
    static List<ImageBuilder.Step> steps(Exec.TimedResult r) {
        List<long[]> at = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (Exec.TimedLine l : r.lines()) {
            Matcher m = STEP.matcher(l.line().strip());
            if (!m.matches()) continue;
            at.add(new long[]{l.atNanos()});
            text.add(m.group(1));
        }
        long end = r.startNanos() + r.result().elapsedNanos();
        List<ImageBuilder.Step> out = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            long until = i + 1 < at.size() ? at.get(i + 1)[0] : end;
            String t = text.get(i);
            out.add(new ImageBuilder.Step(i + 1, t.length() > 120 ? t.substring(0, 120) + "…" : t, Math.max(0, until - at.get(i)[0])));
        }
        return out;
    }

    /** Removes the images of {@code jobId}, or with null those whose creating process is gone. */
    void removeImages(String jobId) {
        images.remove(jobId);
    }

    /** Ids of the images of {@code jobId}, or of any job when null. */
    List<String> labelledImages(String jobId) throws RuntimeFailure {
        return images.list(jobId);
    }


    /**
     * Deletes Buildah's cache mount directories of one job, or with a null job those whose owner is gone. Podman 4.3
     * has no command that removes cache mounts, so they are deleted where Buildah keeps them (under /var/tmp,
     * {@code buildah-cache} for root, {@code buildah-cache-<uid>} rootless), found by the id probelab gave them.
     */
    void removeCacheMounts(String jobId) {
        if (cli.spec().engine() != OciRuntimeSpec.Engine.PODMAN || !cli.spec().wrapper().isEmpty()) return;
        List<Path> parents = new ArrayList<>(List.of(Path.of("/var/tmp/buildah-cache")));
        try {
            parents.add(Path.of("/var/tmp/buildah-cache-" + cli.uid()));
        } catch (RuntimeFailure ignored) {
            // without the uid only root's cache directory is swept
        }
        for (Path parent : parents) {
            if (!Files.isDirectory(parent)) continue;
            try (var ds = Files.newDirectoryStream(parent, CACHE_ID_PREFIX + "*")) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    boolean ours = jobId != null ? name.contains("-" + jobId + "-") : !ownerAliveOf(name);
                    if (ours) FileTrees.deleteBestEffort(p);
                }
            } catch (IOException ignored) {
                // a leftover cache costs disk, not correctness; the next sweep tries again
            }
        }
    }

    /** This process as a cache id can hold it: {@code pid.startMillis} of {@link OciLabels#OWNER}. */
    private static String ownerToken() {
        String[] parts = OciLabels.OWNER.split("/");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** Whether the process named in a cache id ({@code probelab-imagebuild-<pid>.<start>-...}) still runs here. */
    static boolean ownerAliveOf(String cacheId) {
        String rest = cacheId.substring(CACHE_ID_PREFIX.length());
        int dash = rest.indexOf('-');
        String[] token = (dash < 0 ? rest : rest.substring(0, dash)).split("\\.");
        if (token.length != 2) return false;
        return OciLabels.ownerAlive(OciLabels.hostName() + "/" + token[0] + "/" + token[1]);
    }
}
