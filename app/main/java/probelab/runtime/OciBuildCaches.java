package probelab.runtime;

import probelab.process.Exec;
import probelab.process.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The build caches a container runtime measures: none, a labelled named volume, a bind-mounted host directory, or the
 * container's own layer mounted by fuse-overlayfs.
 */
final class OciBuildCaches {
    private final OciCli cli;

    OciBuildCaches(OciCli cli) {
        this.cli = cli;
    }

    /** A build cache and the job whose label its build containers carry. */
    abstract static class ContainerCache implements Runtime.BuildCache {
        private final String mode;
        final String jobId;

        ContainerCache(String mode, String jobId) {
            this.mode = mode;
            this.jobId = jobId;
        }

        @Override
        public String mode() {
            return mode;
        }

        /** {@code -v} arguments that mount this cache, if any. */
        abstract List<String> mountArgs();

        /** Arguments the CLI needs before its command ({@code run}) for this cache, if any. */
        List<String> globalArgs() {
            return List.of();
        }

        /** GOCACHE inside the build container. */
        abstract String gocache();

        /** GOMODCACHE inside the build container: with GOCACHE, so a cold build downloads and extracts every module. */
        String gomodcache() {
            return gocache() + "/mod";
        }
    }

    /** No cache: GOCACHE lives in the build container and is thrown away with it. */
    private static class NoCache extends ContainerCache {
        NoCache(String jobId) {
            this("none", jobId);
        }

        NoCache(String mode, String jobId) {
            super(mode, jobId);
        }

        @Override
        List<String> mountArgs() {
            return List.of();
        }

        @Override
        String gocache() {
            return "/tmp/gocache";
        }

        @Override
        public void close() {
        }
    }

    /**
     * No cache, with the container's layer (where GOCACHE and GOMODCACHE then live) mounted by fuse-overlayfs instead of
     * the kernel's overlay: what rootless Podman did before native rootless overlay, and what the articles compare.
     */
    private static final class FuseLayerCache extends NoCache {
        FuseLayerCache(String jobId) {
            super("fuse", jobId);
        }

        @Override
        List<String> globalArgs() {
            return List.of("--storage-opt", "overlay.mount_program=" + FUSE_OVERLAYFS);
        }
    }

    /** Debian's fuse-overlayfs, which {@code ./probelab setup} installs with Podman. */
    static final String FUSE_OVERLAYFS = "/usr/bin/fuse-overlayfs";

    /** GOCACHE at /cache, mounted from a named volume or a host directory; closing removes that source. */
    private static final class MountedCache extends ContainerCache {
        private final String source;
        private final Runnable remove;

        MountedCache(String mode, String jobId, String source, Runnable remove) {
            super(mode, jobId);
            this.source = source;
            this.remove = remove;
        }

        @Override
        List<String> mountArgs() {
            return List.of("-v", source + ":/cache");
        }

        @Override
        String gocache() {
            return "/cache";
        }

        @Override
        public void close() {
            remove.run();
        }
    }

    ContainerCache create(String mode, String jobId) throws RuntimeFailure {
        return switch (mode) {
            case "none" -> new NoCache(jobId);
            case "volume" -> volume(jobId);
            case "bind" -> bindDirectory(jobId);
            case "fuse" -> {
                if (!cli.spec().cacheModes().contains("fuse")) {
                    throw new RuntimeFailure(cli.spec().id() + " has no cache mode 'fuse'; it has " + cli.spec().cacheModes());
                }
                if (!Files.isExecutable(Path.of(FUSE_OVERLAYFS))) {
                    throw new RuntimeFailure(FUSE_OVERLAYFS + " is not installed (./probelab setup installs it with Podman)");
                }
                yield new FuseLayerCache(jobId);
            }
            default -> throw new RuntimeFailure(cli.spec().id() + " has no cache mode '" + mode + "'; it has "
                    + cli.spec().cacheModes());
        };
    }

    private ContainerCache volume(String jobId) throws RuntimeFailure {
        String volume = "probelab-gocache-" + jobId + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of("volume", "create"));
        args.addAll(OciLabels.args(jobId));
        args.add(volume);
        Exec.Result r = cli.run(args, OciCli.TIMEOUT_MILLIS);
        if (!r.ok()) throw new RuntimeFailure("cannot create volume " + volume + ": " + r.reason());
        return new MountedCache("volume", jobId, volume, () -> {
            try {
                cli.run(OciCli.TIMEOUT_MILLIS, "volume", "rm", "-f", volume);
            } catch (RuntimeFailure ignored) {
                // removeLeftovers removes labelled volumes this could not
            }
        });
    }

    private ContainerCache bindDirectory(String jobId) throws RuntimeFailure {
        Path scratchDir = cli.scratchDir();
        try {
            Files.createDirectories(scratchDir);
            OciImages.worldReadable(scratchDir);
            Path dir = Files.createTempDirectory(scratchDir, bindPrefix(jobId));
            // rootless engines write as a mapped uid: the directory must be writable by anyone
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path absolute = dir.toAbsolutePath();
            return new MountedCache("bind", jobId, absolute.toString(), () -> FileTrees.deleteBestEffort(absolute));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create a bind-mounted cache under " + scratchDir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the bind-mounted cache directories of a job that closing its caches did not (a crash, a kill). */
    void removeBindDirectories(String jobId) {
        Path scratchDir = cli.scratchDir();
        if (!Files.isDirectory(scratchDir)) return;
        try (var ds = Files.newDirectoryStream(scratchDir, bindPrefix(jobId) + "*")) {
            for (Path p : ds) FileTrees.deleteBestEffort(p);
        } catch (IOException ignored) {
            // a leftover cache directory under var/ costs disk, not correctness
        }
    }

    /** Bind cache directories are named after their job, so a job's leftovers can be found without the engine. */
    private static String bindPrefix(String jobId) {
        return "oci-gocache-" + jobId + "-";
    }
}
