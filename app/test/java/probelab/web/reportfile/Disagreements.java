package probelab.web.reportfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.mozilla.javascript.RhinoException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cases where a Java computation and its twin in the report file's JavaScript disagree, counted and kept with the
 * case that produced them, so that a failure names the first few and how to reproduce them. A refusal (Java's
 * IllegalArgumentException, a script's thrown Error) is an answer too: both sides must refuse the same cases.
 */
public final class Disagreements {
    /** What either side answers when it refuses its input. */
    public static final JsonNode REFUSED = TextNode.valueOf("refused");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;

    private final String what;
    private final List<String> found = new ArrayList<>();
    private int cases;

    public Disagreements(String what) {
        this.what = what;
    }

    /** The Java side's answer as JSON (records as Jackson writes them), or {@link #REFUSED}. */
    public static JsonNode java(Supplier<Object> computation) {
        try {
            return JSON.valueToTree(computation.get());
        } catch (IllegalArgumentException e) {
            return REFUSED;
        }
    }

    /** The script's answer, or {@link #REFUSED} when it threw. */
    public static JsonNode js(Supplier<JsonNode> computation) {
        try {
            return computation.get();
        } catch (RhinoException e) {
            return REFUSED;
        }
    }

    /** Compares one case both ways ({@link JsonDiff#same}); {@code label} says how to make the case again. */
    public void compare(String label, JsonNode java, JsonNode js) {
        cases++;
        if (JsonDiff.same(java, js)) return;
        String at = JsonDiff.difference(java, js);
        if (at == null) at = JsonDiff.difference(js, java);
        found.add(label + "\n    at " + (at.isEmpty() ? "the top" : at) + ": java " + java + "\n    js   " + js);
    }

    public int cases() {
        return cases;
    }

    /** Fails with the first disagreements unless there are none, or unless exactly {@code expectedCases} were compared. */
    public void assertNone(int expectedCases) {
        if (!found.isEmpty()) {
            fail(what + ": " + found.size() + " of " + cases + " cases disagree; the first " + Math.min(SHOWN, found.size())
                    + ":\n  " + String.join("\n  ", found.subList(0, Math.min(SHOWN, found.size()))));
        }
        assertEquals(expectedCases, cases, what + ": the number of cases compared");
    }
}
