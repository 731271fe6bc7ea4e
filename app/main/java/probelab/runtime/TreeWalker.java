package probelab.runtime;

import java.util.ArrayList;
import java.util.List;

/** How probes/treewalk is called, natively and in containers (where it is mounted or baked in at {@link #IN_CONTAINER}). */
final class TreeWalker {
    /** Where the walker is inside a container: bind-mounted read-only, or in the image of the image place. */
    static final String IN_CONTAINER = "/probelab/treewalk";
    /** Where the tree is inside a container, whichever its place. */
    static final String TREE_IN_CONTAINER = "/src";

    private TreeWalker() {
    }

    /** The walker's arguments (after its path) that time {@code phases} on the tree at {@code dir}. */
    static List<String> phaseArgs(String dir, List<String> phases) {
        List<String> args = new ArrayList<>(List.of("-dir", dir));
        args.addAll(phases);
        return args;
    }
}
