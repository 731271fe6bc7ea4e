package probelab.workload;

import probelab.catalog.UnknownNameException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Project sizes a probe job can build; ids are the CLI/contract names. */
public enum ProjectSize {
    TINY("tiny"),
    SMALL("small"),
    MEDIUM("medium"),
    LARGE("large"),
    MONOREPO("monorepo");

    private final String id;

    ProjectSize(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Accepts the id in any case and with surrounding blanks, since it usually comes from a command line. */
    public static ProjectSize parse(String id) {
        if (id != null) {
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            for (ProjectSize size : values()) {
                if (size.id.equals(wanted)) {
                    return size;
                }
            }
        }
        throw new UnknownNameException("size", id, ids());
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ProjectSize::id).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return id;
    }
}
