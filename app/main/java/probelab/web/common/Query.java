package probelab.web.common;

import probelab.catalog.BadInput;
import io.javalin.http.Context;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters, decoded strictly. Javalin drops a value it cannot decode ("%zz") without a word, which would
 * turn a malformed filter into "all": here it is a 400 instead.
 */
public final class Query {
    private static final int MAX_LENGTH = 8192;

    private Query() {
    }

    public static Map<String, List<String>> params(Context ctx) {
        return parse(ctx.queryString());
    }

    public static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        if (raw.length() > MAX_LENGTH) throw new BadInput("the query string is longer than " + MAX_LENGTH + " characters");
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInput(null, "malformed query string near " + BadInput.quote(s) + ": " + e.getMessage(), List.of());
        }
    }
}
