package probelab.probe;

import java.time.Instant;
import java.util.UUID;

/** Job ids: the day it was made, then 8 random hex digits, so they sort by date and read well in a URL. */
final class JobIds {
    private JobIds() {
    }

    static String next() {
        return Instant.now().toString().substring(0, 10).replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
