package probelab.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * The ways developers run the edit-to-serving loop, each a variant of {@code edit_to_serving_ms}: a file watcher that
 * rebuilds and restarts (reflex, entr), a rebuild and restart they type themselves, or a rebuilt image whose container
 * replaces the running one. Jobs measure {@link #DEFAULTS} unless asked for others.
 */
public enum DevLoopWay {
    WATCH("watch", "reflex -s -- go run: the watcher rebuilds and restarts on every change of a .go file, natively or "
            + "inside a long-running dev container with the source bind-mounted"),
    ENTR("entr", "entr -r go run, fed the project's .go files on stdin: natively only (a detached dev container has no "
            + "stdin to read the file list from)"),
    RESTART("restart", "after the edit, the developer's own commands: natively go build, then the old server stopped and "
            + "the new one started (start-stop-daemon); in a container `restart -t 0` of the dev container that runs go run"),
    IMAGE("image", "after the edit, the image is rebuilt (the multi-stage Dockerfile, layer cache warm) and its container "
            + "replaces the running one (rm -f, run -d): container engines only");

    /** What a job measures when the request names no way: the watcher, which answers in about a second per edit. */
    public static final List<DevLoopWay> DEFAULTS = List.of(WATCH);

    private final String id;
    private final String words;

    DevLoopWay(String id, String words) {
        this.id = id;
        this.words = words;
    }

    /** The variant of edit_to_serving_ms, e.g. {@code watch}. */
    public String id() {
        return id;
    }

    /** How this way runs, for people (the catalog's description and the job form). */
    public String words() {
        return words;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(DevLoopWay::id).toList();
    }

    /** The way with this id; an {@link UnknownNameException} listing the valid ids otherwise. */
    public static DevLoopWay parse(String id) {
        for (DevLoopWay w : values()) if (w.id.equals(id)) return w;
        throw new UnknownNameException("dev loop way", id, ids());
    }
}
