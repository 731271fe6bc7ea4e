package probelab.runtime;

import probelab.process.Exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file watcher of the development loop: Debian's {@code reflex}, as developers run it for a Go server
 * ({@code reflex -r '\.go$' -s -- go run . }), which rebuilds and restarts the server on every change of a .go file.
 * The same binary runs natively and, bind-mounted with its shared libraries, inside dev containers.
 */
public final class DevWatcher {
    /** Where Debian installs it ({@code apt-get install reflex}). */
    public static final Path REFLEX = Path.of("/usr/bin/reflex");
    /** Where dev containers see it. */
    static final String IN_CONTAINER = "/usr/local/bin/reflex";
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private DevWatcher() {
    }

    /** Why the loop cannot run on this machine, or null when it can. */
    public static String unavailable() {
        return Files.isExecutable(REFLEX) ? null
                : "the file watcher reflex is not installed (" + REFLEX + "; ./probelab setup installs Debian's reflex)";
    }

    /**
     * The watcher's command line: {@code reflex -d none -r '\.go$' -s -- GO run TARGET -http ADDR}. No shell: reflex
     * starts go itself and, on a change, stops the whole process group (go run and the server it started).
     */
    static List<String> argv(String reflex, String go, String serveTarget, String addr) {
        return List.of(reflex, "-d", "none", "-r", "\\.go$", "-s", "--", go, "run", serveTarget, "-http", addr);
    }

    /**
     * The host files reflex needs in an image that has no C library (probelab's Go images from Go 1.21 on): its
     * shared libraries and loader, each at the path the binary asks for, as {@code -v host:container:ro} arguments.
     */
    static List<String> mountArgs() throws RuntimeFailure {
        Exec.Result r = Exec.run(List.of("ldd", REFLEX.toString()), 10_000);
        if (!r.ok()) throw new RuntimeFailure("cannot list the libraries of " + REFLEX + ": " + r.reason());
        List<String> args = new ArrayList<>(List.of("-v", REFLEX + ":" + IN_CONTAINER + ":ro"));
        Set<String> seen = new LinkedHashSet<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = LIBRARY.matcher(line.strip());
            if (!m.find()) continue;
            String asked = m.group(1);
            if (!seen.add(asked)) continue;
            try {
                // the loader is a symlink on Debian (/lib64 -> /lib/x86_64-linux-gnu): mount the file it points to
                Path real = Path.of(asked).toRealPath();
                args.addAll(List.of("-v", real + ":" + asked + ":ro"));
            } catch (java.io.IOException e) {
                throw new RuntimeFailure("cannot resolve " + asked + ", a library of " + REFLEX + ": " + e.getMessage(), e);
            }
        }
        return args;
    }
}
