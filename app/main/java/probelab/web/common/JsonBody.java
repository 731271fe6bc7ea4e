package probelab.web.common;

import probelab.catalog.BadInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.List;

/** A small JSON request body with one string field, read strictly: wrong type, unknown fields and bad JSON are 400s. */
public final class JsonBody {
    private static final int MAX_BYTES = 1 << 20;

    private JsonBody() {
    }

    /** The string field {@code name} of a JSON object body ({@code {"name": "..."}}); other fields are refused. */
    public static String stringField(Context ctx, ObjectMapper json, String name, boolean required) {
        String type = ctx.contentType();
        if (type == null || !type.startsWith("application/json")) {
            throw new BadInput("Content-Type", "send JSON (Content-Type: application/json): {\"" + name + "\": \"...\"}", List.of());
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BYTES) throw new BadInput("the body is larger than " + MAX_BYTES + " bytes");
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new BadInput(null, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""), List.of());
        }
        if (node == null || !node.isObject()) throw new BadInput("send a JSON object: {\"" + name + "\": \"...\"}");
        var names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!f.equals(name)) throw new BadInput(f, "unknown field " + BadInput.quote(f) + "; valid: " + name, List.of(name));
        }
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) throw new BadInput(name, "the field \"" + name + "\" is missing", List.of(name));
            return "";
        }
        if (!v.isTextual()) throw new BadInput(name, "the field \"" + name + "\" must be a string", List.of(name));
        return v.asText();
    }
}
