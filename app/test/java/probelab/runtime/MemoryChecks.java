package probelab.runtime;

import probelab.process.Exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A server's memory reading against tools that are not probelab's: ps for the total, smaps_rollup for its parts. */
final class MemoryChecks {
    private MemoryChecks() {
    }

    /** The reading's total is ps's RSS and its parts are smaps_rollup's Anonymous and file-backed pages, within 64 KiB. */
    static void agreeWithPsAndSmaps(Runtime.MemoryReading m) throws Exception {
        long pid = Long.parseLong(m.source().replaceFirst("^/proc/(\\d+)/.*$", "$1"));
        assertNotNull(m.rssParts(), "read from /proc, so split by kind: " + m.source());
        assertEquals(m.rssBytes(), m.rssParts().anonBytes() + m.rssParts().fileBytes() + m.rssParts().shmemBytes(),
                "the parts sum to the total: " + m.rssParts());
        Exec.Result ps = Exec.run(List.of("ps", "-o", "rss=", "-p", Long.toString(pid)), 10_000);
        long psBytes = Long.parseLong(ps.stdout().strip()) * 1024;
        // an idle server: what changes between the reads is a page or two of the runtime's background work
        assertEquals(m.rssBytes(), psBytes, 64 * 1024, "ps -o rss of " + pid);
        long anon = 0, rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("Anonymous:")) anon = Long.parseLong(f[1]) * 1024;
            if (f[0].equals("Rss:")) rss = Long.parseLong(f[1]) * 1024;
        }
        assertEquals(m.rssParts().anonBytes(), anon, 64 * 1024, "smaps_rollup Anonymous of " + pid);
        assertEquals(m.rssParts().fileBytes() + m.rssParts().shmemBytes(), rss - anon, 64 * 1024, "smaps_rollup Rss - Anonymous");
    }
}
