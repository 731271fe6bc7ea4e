package probelab.runtime;

import probelab.catalog.Metric;
import probelab.process.Exec;
import probelab.process.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The files family's source tree in a container, in each place a developer keeps it: bind-mounted from the host, copied
 * into a named volume, or in an image's layer (the toolchain image with the tree and the walker copied in and committed:
 * what {@code COPY . /src} on a Go base makes, without a builder's quirks). probes/treewalk runs in a throwaway {@code
 * run --rm} container with the tree at /src; for the bind and volume places it runs in the echo image (nothing but a
 * static binary) with the walker bind-mounted read-only. go build and go test run in the toolchain image (the image
 * place: the tree's own image) with the tree at /src and the cache a build would have.
 */
final class OciTrees {
    static final List<String> PLACES = List.of(Metric.BIND, Metric.VOLUME, Metric.IMAGE);
    private static final String REPO = "probelab/tree";
    /** Copying a large tree into a volume, or importing it, on a busy machine. */
    private static final long SETUP_TIMEOUT_MILLIS = 10 * 60_000;
    /** A removal can leave an image that a concurrent one still used: a second pass takes it. */
    private static final int REMOVE_PASSES = 2;

    private final OciCli cli;
    private final OciBuilds builds;
    private final OciLabelledImages images;

    OciTrees(OciCli cli, OciBuilds builds) {
        this.cli = cli;
        this.builds = builds;
        this.images = new OciLabelledImages(cli, OciLabels.TREE_IMAGE_LABEL, false, REMOVE_PASSES);
    }

    /** {@code tags}: the prepared images; bind and volume walks run in the echo image, go in the toolchain image. */
    Runtime.PlacedTree place(String place, OciEngineImages.Tags tags, Path treeDir, Path walker, String jobId) throws RuntimeFailure {
        String echoTag = tags.echoTag();
        Path src = treeDir.toAbsolutePath().normalize();
        Path bin = walker.toAbsolutePath().normalize();
        // a rootless engine reads the tree and the walker, and writes the batch of files, as a mapped uid
        openToOthers(src);
        OciImages.worldReadable(bin.getParent());
        List<String> walkerMount = List.of("-v", bin + ":" + TreeWalker.IN_CONTAINER + ":ro");
        return switch (place) {
            case Metric.BIND -> new Placed(place, echoTag, concat(walkerMount, List.of("-v", src + ":" + TreeWalker.TREE_IN_CONTAINER)),
                    // the tree was opened to the container's user above: Source.bind would walk it again
                    new OciBuilds.Source(tags.goTag(), List.of("-v", src + ":" + OciBuilds.SRC), src), tags.goTime(), jobId, () -> { });
            case Metric.VOLUME -> volume(tags, src, walkerMount, jobId);
            case Metric.IMAGE -> image(tags, src, bin, jobId);
            default -> throw new RuntimeFailure(cli.spec().id() + " keeps no source tree in '" + place + "'; it has " + PLACES);
        };
    }

    /** A fresh labelled volume with a copy of the tree, made by the walker itself (the echo image has no cp or tar). */
    private Placed volume(OciEngineImages.Tags tags, Path src, List<String> walkerMount, String jobId) throws RuntimeFailure {
        String echoTag = tags.echoTag();
        String volume = "probelab-tree-" + UUID.randomUUID().toString().substring(0, 12);
        List<String> create = new ArrayList<>(List.of("volume", "create"));
        create.addAll(OciLabels.args(jobId));
        create.add(volume);
        Exec.Result made = cli.run(create, OciCli.TIMEOUT_MILLIS);
        if (!made.ok()) throw new RuntimeFailure("cannot create volume " + volume + ": " + made.reason());
        Runnable remove = () -> quietly("volume", "rm", "-f", volume);
        List<String> mounts = concat(walkerMount, List.of("-v", volume + ":" + TreeWalker.TREE_IN_CONTAINER));
        List<String> copy = runArgs(echoTag, concat(mounts, List.of("-v", src + ":/from:ro")), jobId);
        copy.addAll(List.of("-copy", "/from", "-dir", TreeWalker.TREE_IN_CONTAINER));
        Exec.Result r = cli.run(copy, SETUP_TIMEOUT_MILLIS);
        if (!r.ok()) {
            remove.run();
            throw new RuntimeFailure("cannot copy the tree into volume " + volume + ": " + r.reason());
        }
        List<String> goMount = List.of("-v", volume + ":" + OciBuilds.SRC);
        return new Placed(Metric.VOLUME, echoTag, mounts, new OciBuilds.Source(tags.goTag(), goMount, src), tags.goTime(), jobId, remove);
    }

    /**
     * An image FROM the toolchain's whose top layer holds the tree at /src and the walker: a labelled container of the
     * toolchain image is created (never started), both are copied in ({@code cp}, as root of the container), and it is
     * committed with the labels.
     */
    private Placed image(OciEngineImages.Tags tags, Path src, Path walker, String jobId) throws RuntimeFailure {
        String tag = REPO + ":" + tagPart(jobId) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String container = "probelab-tree-" + UUID.randomUUID().toString().substring(0, 12);
        Path stage = null;
        try {
            Files.createDirectories(cli.scratchDir());
            OciImages.worldReadable(cli.scratchDir());
            stage = Files.createTempDirectory(cli.scratchDir(), "tree-image-");
            Path root = Files.createDirectories(stage.resolve("root"));
            Exec.Result cp = Exec.run(List.of("cp", "-R", src.toString(), root.resolve(TreeWalker.TREE_IN_CONTAINER.substring(1)).toString()),
                    SETUP_TIMEOUT_MILLIS);
            if (!cp.ok()) throw new RuntimeFailure("cannot copy the tree for the image: " + cp.reason());
            Path inImage = root.resolve(TreeWalker.IN_CONTAINER.substring(1));
            Files.createDirectories(inImage.getParent());
            Files.copy(walker, inImage);
            Files.setPosixFilePermissions(inImage, PosixFilePermissions.fromString("rwxr-xr-x"));
            // a rootless CLI reads the staged tree as another user
            FileTrees.openToOthers(stage, false);
            List<String> create = new ArrayList<>(List.of("create", "--name", container));
            create.addAll(OciLabels.args(jobId));
            // an imported image has no CMD, and create needs one: this one is what the image then runs by default
            create.addAll(List.of(tags.goTag(), "go", "version"));
            Exec.Result made = cli.run(create, OciCli.TIMEOUT_MILLIS);
            if (!made.ok()) throw new RuntimeFailure("cannot create a container of " + tags.goTag() + ": " + made.reason());
            try {
                // SRC/. copies the contents into /, merging with what the image has (its /probelab)
                Exec.Result copied = cli.run(List.of("cp", root + "/.", container + ":/"), SETUP_TIMEOUT_MILLIS);
                if (!copied.ok()) throw new RuntimeFailure("cannot copy the tree into " + container + ": " + copied.reason());
                List<String> commit = new ArrayList<>(List.of("commit"));
                for (String label : List.of(OciLabels.LABEL + "=1", OciLabels.TREE_IMAGE_LABEL + "=" + jobId,
                        OciLabels.OWNER_LABEL + "=" + OciLabels.OWNER)) {
                    commit.addAll(List.of("--change", "LABEL " + label));
                }
                commit.addAll(List.of(container, tag));
                Exec.Result r = cli.run(commit, SETUP_TIMEOUT_MILLIS);
                if (!r.ok()) throw new RuntimeFailure("cannot commit the tree's image " + tag + ": " + r.reason());
            } finally {
                quietly("rm", "-f", container);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot stage the tree for its image: " + e.getMessage(), e);
        } finally {
            if (stage != null) FileTrees.deleteBestEffort(stage);
        }
        return new Placed(Metric.IMAGE, tag, List.of(), new OciBuilds.Source(tag, List.of(), src), tags.goTime(), jobId,
                () -> quietly("image", "rm", "-f", tag));
    }

    /**
     * A placed tree: walks run in {@code image} with {@code mounts}, go where {@code goSource} says; {@code remove} undoes
     * the placing.
     */
    private final class Placed implements Runtime.PlacedTree {
        private final String place;
        private final String image;
        private final List<String> mounts;
        private final OciBuilds.Source goSource;
        private final boolean goTime;
        private final String jobId;
        private final Runnable remove;

        Placed(String place, String image, List<String> mounts, OciBuilds.Source goSource, boolean goTime, String jobId,
               Runnable remove) {
            this.place = place;
            this.image = image;
            this.mounts = mounts;
            this.goSource = goSource;
            this.goTime = goTime;
            this.jobId = jobId;
            this.remove = remove;
        }

        @Override
        public String place() {
            return place;
        }

        @Override
        public Runtime.TreeRun run(List<String> phases, long timeoutMillis) throws RuntimeFailure {
            List<String> args = runArgs(image, mounts, jobId);
            args.addAll(TreeWalker.phaseArgs(TreeWalker.TREE_IN_CONTAINER, phases));
            Exec.Result r = cli.run(args, timeoutMillis);
            if (r.timedOut()) quietly("rm", "-f", args.get(args.indexOf("--name") + 1)); // killing the CLI leaves the container
            return new Runtime.TreeRun(r, String.join(" ", cli.command(args)));
        }

        @Override
        public Runtime.BuildOutcome build(List<String> targets, Runtime.BuildCache cache, long timeoutMillis) throws RuntimeFailure {
            return builds.build(goSource, goTime, targets, containerCache(cache), timeoutMillis);
        }

        @Override
        public Runtime.BuildOutcome test(List<String> packages, Runtime.BuildCache cache, long timeoutMillis) throws RuntimeFailure {
            return builds.test(goSource, goTime, packages, false, containerCache(cache), timeoutMillis);
        }

        private OciBuildCaches.ContainerCache containerCache(Runtime.BuildCache cache) throws RuntimeFailure {
            if (cache instanceof OciBuildCaches.ContainerCache c) return c;
            throw new RuntimeFailure(cli.spec().id() + " builds a placed tree with one of its own caches");
        }

        @Override
        public void close() {
            remove.run();
        }
    }

    /** {@code run --rm} of the walker in {@code image}, labelled, with {@code mounts}; the walker's arguments follow. */
    private static List<String> runArgs(String image, List<String> mounts, String jobId) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", "probelab-tree-" + UUID.randomUUID().toString().substring(0, 12)));
        args.addAll(OciLabels.args(jobId));
        args.addAll(List.of("--entrypoint", TreeWalker.IN_CONTAINER));
        args.addAll(mounts);
        args.add(image);
        return args;
    }

    /** Removes the images of {@code jobId}, or with null those whose creating process is gone. */
    void removeImages(String jobId) {
        images.remove(jobId);
    }

    /** Ids of the images of {@code jobId}, or of any job when null. */
    List<String> labelledImages(String jobId) throws RuntimeFailure {
        return images.list(jobId);
    }


    private void quietly(String... args) {
        try {
            cli.run(OciCli.TIMEOUT_MILLIS, args);
        } catch (RuntimeFailure ignored) {
            // removeLeftovers removes labelled containers, volumes and tree images this could not
        }
    }

    private static void openToOthers(Path dir) throws RuntimeFailure {
        try {
            FileTrees.openToOthers(dir, true);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot open " + dir + " to the container's user: " + e.getMessage(), e);
        }
    }

    /** A job id as the tag of an image may spell it: lower case, [a-z0-9_.-], short. */
    static String tagPart(String jobId) {
        String t = jobId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return t.length() > 64 ? t.substring(t.length() - 64) : t;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
