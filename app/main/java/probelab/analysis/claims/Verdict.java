package probelab.analysis.claims;

import java.util.Arrays;
import java.util.List;

/** What the fact-check says of one claim; the ids are what the JSON and the page's filter carry. */
public enum Verdict {
    AGREES("agrees"), DISAGREES("disagrees"), NOT_COMPARABLE("not_comparable");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** "not comparable" for people. */
    public String label() {
        return id.replace('_', ' ');
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Verdict::id).toList();
    }

    /** The verdict with this id; an IllegalArgumentException listing the valid ids otherwise. */
    public static Verdict parse(String id) {
        for (Verdict v : values()) if (v.id.equals(id)) return v;
        throw new IllegalArgumentException("unknown verdict '" + id + "'; valid: " + String.join(", ", ids()));
    }
}
