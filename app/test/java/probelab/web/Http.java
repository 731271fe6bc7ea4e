package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;

import java.net.http.HttpRequest;

/** The requests and body readers the server tests share, so no test class borrows them from another. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    /** GET with headers given as name, value, name, value... */
    static Response get(HttpClient c, String path, String... headers) {
        return c.request(path, b -> {
            for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            b.get();
        });
    }

    static Response postJson(HttpClient c, String path, String body) {
        return c.request(path, b -> b.header("Content-Type", "application/json").post(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST of a urlencoded form, with headers given as name, value, name, value... */
    static Response postForm(HttpClient c, String path, String form, String... headers) {
        return c.request(path, b -> {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            b.post(HttpRequest.BodyPublishers.ofString(form));
        });
    }

    static JsonNode json(Response r) {
        try {
            return JSON.readTree(r.body().string());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }

    static String body(Response r) {
        try {
            return r.body().string();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A notebook page as a browser shows it once htmx has run: each SQL cell still running when the page was sent
     * is a placeholder, replaced here by the result fragment it loads.
     */
    static String pageWithResults(HttpClient c, String path) {
        String page = body(get(c, path));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<div class=\"pending sql-pending\" hx-get=\"([^\"]+)\"[^>]*>[^<]*</div>").matcher(page);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fragment = body(get(c, m.group(1).replace("&amp;", "&"), "HX-Request", "true"));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(fragment));
        }
        m.appendTail(out);
        return out.toString();
    }
}
