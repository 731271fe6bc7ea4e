package probelab.web.reportfile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;

/**
 * Where two JSON documents of the same numbers differ, the one from Java and the one from the report file's
 * JavaScript: numbers within a relative {@link #RELATIVE} (doubles computed and printed by two languages), null and
 * absent alike, and only the fields of the first document (the other may carry more).
 */
public final class JsonDiff {
    /** Both sides compute in doubles in the same order, so anything looser would hide a different formula. */
    public static final double RELATIVE = 1e-9;

    private JsonDiff() {
    }

    public static boolean equal(JsonNode a, JsonNode b) {
        return difference(a, b) == null;
    }

    /** Equal both ways: every field of either document has its twin in the other. */
    public static boolean same(JsonNode a, JsonNode b) {
        return difference(a, b) == null && difference(b, a) == null;
    }

    /** The path of the first difference ("" at the top, ".median95.low", "[3]"), or null when {@code b} agrees with {@code a}. */
    public static String difference(JsonNode a, JsonNode b) {
        return difference("", a, b);
    }

    private static String difference(String path, JsonNode a, JsonNode b) {
        boolean aNone = a == null || a.isNull() || a.isMissingNode(), bNone = b == null || b.isNull() || b.isMissingNode();
        if (aNone || bNone) return aNone == bNone ? null : path;
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble(), y = b.asDouble();
            return x == y || Math.abs(x - y) <= RELATIVE * Math.max(Math.abs(x), Math.abs(y)) ? null : path;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return path + ".length";
            for (int i = 0; i < a.size(); i++) {
                String d = difference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d != null) return d;
            }
            return null;
        }
        if (a.isObject() && b.isObject()) {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                String d = difference(path + "." + n, a.get(n), b.get(n));
                if (d != null) return d;
            }
            return null;
        }
        return a.equals(b) ? null : path;
    }
}
