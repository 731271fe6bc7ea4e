package probelab.runtime;

import probelab.catalog.DevLoopWay;
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
 * The file watchers of the development loop, as developers run them for a Go server: Debian's {@code reflex}
 * ({@code reflex -r '\.go$' -s -- go run .}) and {@code entr} ({@code find . -name '*.go' | entr -r go run .}), each
 * rebuilding and restarting the server on every change of a .go file. reflex also runs inside dev containers,
 * bind-mounted with its shared libraries.
 */
public enum DevWatcher {
    REFLEX(Path.of("/usr/bin/reflex"), "reflex"),
    ENTR(Path.of("/usr/bin/entr"), "entr");

    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private final Path hostPath;
    private final String debianPackage;

    DevWatcher(Path hostPath, String debianPackage) {
        this.hostPath = hostPath;
        this.debianPackage = debianPackage;
    }

    /** The watcher of a watching way; way restart and image have none. */
    static DevWatcher of(DevLoopWay way) throws RuntimeFailure {
        return switch (way) {
            case WATCH -> REFLEX;
            case ENTR -> ENTR;
            case RESTART, IMAGE -> throw new RuntimeFailure("the " + way.id() + " way has no file watcher");
        };
    }

    /** Where Debian installs it. */
    public Path hostPath() {
        return hostPath;
    }

    /** Where dev containers see it. */
    String inContainer() {
        return "/usr/local/bin/" + hostPath.getFileName();
    }

    /** True when the watcher takes the files to watch on stdin (entr) rather than finding them itself (reflex). */
    boolean readsFileList() {
        return this == ENTR;
    }

    /** Why the loop cannot run on this machine, or null when it can. */
    public String unavailable() {
        return Files.isExecutable(hostPath) ? null : "the file watcher " + debianPackage + " is not installed (" + hostPath
                + "; ./probelab setup installs Debian's " + debianPackage + ")";
    }

    /**
     * The watcher's command line running {@code GO run TARGET -http ADDR}. No shell: reflex ({@code -s}) and entr
     * ({@code -r}) start go themselves and, on a change, stop its whole process group (go run and the server it started).
     * entr's {@code -n}: no terminal to read keys from.
     */
    List<String> argv(String watcher, String go, String serveTarget, String addr) {
        List<String> serve = List.of(go, "run", serveTarget, "-http", addr);
        List<String> argv = new ArrayList<>(List.of(watcher));
        argv.addAll(this == REFLEX ? List.of("-d", "none", "-r", "\\.go$", "-s", "--") : List.of("-n", "-r"));
        argv.addAll(serve);
        return argv;
    }

    /**
     * The host files the watcher needs in an image that has no C library (probelab's Go images from Go 1.21 on): its
     * binary, shared libraries and loader, each at the path the binary asks for, as {@code -v host:container:ro} arguments.
     */
    List<String> mountArgs() throws RuntimeFailure {
        Exec.Result r = Exec.run(List.of("ldd", hostPath.toString()), 10_000);
        if (!r.ok()) throw new RuntimeFailure("cannot list the libraries of " + hostPath + ": " + r.reason());
        List<String> args = new ArrayList<>(List.of("-v", hostPath + ":" + inContainer() + ":ro"));
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
                throw new RuntimeFailure("cannot resolve " + asked + ", a library of " + hostPath + ": " + e.getMessage(), e);
            }
        }
        return args;
    }
}
