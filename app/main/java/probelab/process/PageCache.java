package probelab.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's page cache, dentries and inodes, dropped machine-wide ({@code sync; echo 3 > /proc/sys/vm/drop_caches})
 * so that the next read of a file comes from the disk. Needs root in the host's namespace: containers (rootless ones
 * above all) cannot, so it is always done here on the host, before the container starts.
 */
public final class PageCache {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
    private static final long SYNC_TIMEOUT_MILLIS = 120_000;

    private PageCache() {
    }

    /** Writes back dirty pages, then drops the caches; returns why it could not, or null when it did. */
    public static String drop() {
        // dirty pages cannot be dropped: sync first, or a cold walk would find part of the tree still cached
        Exec.Result sync = Exec.run(List.of("sync"), SYNC_TIMEOUT_MILLIS);
        if (!sync.ok()) return "sync failed before dropping the page cache: " + sync.reason();
        try {
            Files.writeString(DROP_CACHES, "3");
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot drop the page cache (" + DROP_CACHES + " needs root on the host): " + e.getMessage();
        }
    }
}
