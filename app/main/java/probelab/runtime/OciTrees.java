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
 * into a named volume, or in the image's own layer (an imported root filesystem holding the tree and the walker, no
 * Dockerfile). probes/treewalk runs in a throwaway {@code run --rm} container with the tree at /src; for the bind and
 * volume places it runs in the echo image (nothing but a static binary) with the walker bind-mounted read-only.
 */
final class OciTrees {
    static final List<String> PLACES = List.of(Metric.BIND, Metric.VOLUME, Metric.IMAGE);
    private static final String REPO = "probelab/tree";
    /** Copying a large tree into a volume, or importing it, on a busy machine. */
    private static final long SETUP_TIMEOUT_MILLIS = 10 * 60_000;
    /** A removal can leave an image that a concurrent one still used: a second pass takes it. */
    private static final int REMOVE_PASSES = 2;

    private final OciCli cli;
    private final OciLabelledImages images;

    OciTrees(OciCli cli) {
        this.cli = cli;
        this.images = new OciLabelledImages(cli, OciLabels.TREE_IMAGE_LABEL, false, REMOVE_PASSES);
    }

    /** {@code echoTag}: the prepared echo image, which bind and volume walks run in. */
    Runtime.PlacedTree place(String place, String echoTag, Path treeDir, Path walker, String jobId) throws RuntimeFailure {
        Path src = treeDir.toAbsolutePath().normalize();
        Path bin = walker.toAbsolutePath().normalize();
        // a rootless engine reads the tree and the walker, and writes the batch of files, as a mapped uid
        openToOthers(src);
        OciImages.worldReadable(bin.getParent());
        List<String> walkerMount = List.of("-v", bin + ":" + TreeWalker.IN_CONTAINER + ":ro");
        return switch (place) {
            case Metric.BIND -> new Placed(place, echoTag, concat(walkerMount, List.of("-v", src + ":" + TreeWalker.TREE_IN_CONTAINER)),
                    jobId, () -> { });
            case Metric.VOLUME -> volume(echoTag, src, walkerMount, jobId);
            case Metric.IMAGE -> image(src, bin, jobId);
            default -> throw new RuntimeFailure(cli.spec().id() + " keeps no source tree in '" + place + "'; it has " + PLACES);
        };
    }

    /** A fresh labelled volume with a copy of the tree, made by the walker itself (the echo image has no cp or tar). */
    private Placed volume(String echoTag, Path src, List<String> walkerMount, String jobId) throws RuntimeFailure {
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
        return new Placed(Metric.VOLUME, echoTag, mounts, jobId, remove);
    }

    /** An image whose one layer holds the tree at /src and the walker: a root filesystem tarball, imported and labelled. */
    private Placed image(Path src, Path walker, String jobId) throws RuntimeFailure {
        String tag = REPO + ":" + tagPart(jobId) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path stage = null;
        try {
            Files.createDirectories(cli.scratchDir());
            OciImages.worldReadable(cli.scratchDir());
            stage = Files.createTempDirectory(cli.scratchDir(), "tree-image-");
            OciImages.worldReadable(stage);
            Path root = Files.createDirectories(stage.resolve("root"));
            Exec.Result cp = Exec.run(List.of("cp", "-R", src.toString(), root.resolve(TreeWalker.TREE_IN_CONTAINER.substring(1)).toString()),
                    SETUP_TIMEOUT_MILLIS);
            if (!cp.ok()) throw new RuntimeFailure("cannot copy the tree for the image: " + cp.reason());
            Path inImage = root.resolve(TreeWalker.IN_CONTAINER.substring(1));
            Files.createDirectories(inImage.getParent());
            Files.copy(walker, inImage);
            Files.setPosixFilePermissions(inImage, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path tar = stage.resolve("rootfs.tar");
            // numeric owner 0: the tree belongs to the container's root, as COPY would make it
            Exec.Result t = Exec.run(List.of("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", root.toString(),
                    "-cf", tar.toString(), "."), SETUP_TIMEOUT_MILLIS);
            if (!t.ok()) throw new RuntimeFailure("cannot tar the tree's image filesystem: " + t.reason());
            Files.setPosixFilePermissions(tar, PosixFilePermissions.fromString("rw-r--r--"));
            List<String> args = new ArrayList<>(List.of("import"));
            for (String label : List.of(OciLabels.LABEL + "=1", OciLabels.TREE_IMAGE_LABEL + "=" + jobId,
                    OciLabels.OWNER_LABEL + "=" + OciLabels.OWNER)) {
                args.addAll(List.of("--change", "LABEL " + label));
            }
            args.addAll(List.of(tar.toString(), tag));
            Exec.Result r = cli.run(args, SETUP_TIMEOUT_MILLIS);
            if (!r.ok()) throw new RuntimeFailure("cannot import the tree's image " + tag + ": " + r.reason());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot make the tree's image filesystem: " + e.getMessage(), e);
        } finally {
            if (stage != null) FileTrees.deleteBestEffort(stage);
        }
        return new Placed(Metric.IMAGE, tag, List.of(), jobId, () -> quietly("image", "rm", "-f", tag));
    }

    /** A placed tree: walks run in {@code image} with {@code mounts}; {@code remove} undoes the placing. */
    private final class Placed implements Runtime.PlacedTree {
        private final String place;
        private final String image;
        private final List<String> mounts;
        private final String jobId;
        private final Runnable remove;

        Placed(String place, String image, List<String> mounts, String jobId, Runnable remove) {
            this.place = place;
            this.image = image;
            this.mounts = mounts;
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
