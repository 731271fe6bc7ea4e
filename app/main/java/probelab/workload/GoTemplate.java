package probelab.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Go source templates under {@code /workload/} on the classpath, each read once when this enum is loaded.
 *
 * <p>Templates keep the Go as Go (tab-indented, one file per source or part) so it can be read and reviewed as
 * such; whole files end in {@code .go.tmpl}, and {@code parts/} holds pieces a renderer repeats or splices in.
 * A placeholder is {@code {{.Name}}}. Filling is strict because a template and its caller drifting apart would
 * otherwise ship broken or silently different Go into every cached workload: a placeholder without a value, a
 * value without a placeholder, and any other {@code {{} in a template all throw. Values are inserted as they are
 * and never scanned again, so a value may hold an already filled part.
 */
enum GoTemplate {
    GO_MOD("go.mod.tmpl"),
    GO_WORK("go.work.tmpl"),
    TINY_MAIN("tiny/main.go.tmpl"),
    TINY_TEST("tiny/main_test.go.tmpl"),
    RECORD("pkg/record.go.tmpl"),
    ENTITY("pkg/entity.go.tmpl"),
    SCORE_TAGS("pkg/parts/score_tags.go.tmpl"),
    SCORE_HASH("pkg/parts/score_hash.go.tmpl"),
    SCORE_SWITCH("pkg/parts/score_switch.go.tmpl"),
    STORE("pkg/store.go.tmpl"),
    GENERIC("pkg/generic.go.tmpl"),
    WORKER("pkg/worker.go.tmpl"),
    COMPOSE("pkg/compose.go.tmpl"),
    COMPOSE_SAMPLE("pkg/parts/compose_sample.go.tmpl"),
    COMPOSE_DEP("pkg/parts/compose_dep.go.tmpl"),
    COMPOSE_DEP_GENERIC("pkg/parts/compose_dep_generic.go.tmpl"),
    PKG_TEST("pkg/pkg_test.go.tmpl"),
    TEST_STORE("pkg/parts/test_store.go.tmpl"),
    TEST_GENERIC("pkg/parts/test_generic.go.tmpl"),
    TEST_WORKER("pkg/parts/test_worker.go.tmpl"),
    MAIN("cmd/main.go.tmpl"),
    MAIN_COMPOSER("cmd/parts/composer.go.tmpl"),
    MAIN_TEST("cmd/main_test.go.tmpl"),
    // from small on, when the project imports third-party modules (ThirdPartyImports)
    HTTP_CHI("pkg/http.go.tmpl"),
    HTTP_GIN("pkg/gin.go.tmpl"),
    SERVER("cmd/server.go.tmpl"),
    SERVER_TEST("cmd/server_test.go.tmpl"),
    SERVER_MOUNT("cmd/parts/mount.go.tmpl"),
    SERVER_GIN("cmd/parts/gin.go.tmpl"),
    SERVER_GIN_REGISTER("cmd/parts/register.go.tmpl");

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private final String resource;
    private final String text;

    GoTemplate(String file) {
        this.resource = "/workload/" + file;
        this.text = read(resource);
    }

    /** The template as it is; it must hold no placeholder. */
    String fill() {
        return fill(Map.of());
    }

    /** The template with every placeholder replaced; values must name exactly the placeholders it holds. */
    String fill(Map<String, String> values) {
        return fill(resource, text, values);
    }

    static String fill(String name, String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        Set<String> used = new TreeSet<>();
        int from = 0;
        for (int open = template.indexOf("{{"); open >= 0; open = template.indexOf("{{", from)) {
            int close = template.indexOf("}}", open);
            String token = close < 0 ? "" : template.substring(open + 2, close);
            if (!token.startsWith(".") || !NAME.matcher(token.substring(1)).matches()) {
                throw new IllegalStateException(name + ":" + lineOf(template, open)
                        + ": malformed placeholder, want {{.Name}}: " + snippet(template, open));
            }
            String key = token.substring(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalStateException(name + ":" + lineOf(template, open) + ": no value for {{." + key + "}}");
            }
            used.add(key);
            out.append(template, from, open).append(value);
            from = close + 2;
        }
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(name + ": values given for placeholders it does not hold: " + unused);
        }
        return out.append(template, from, template.length()).toString();
    }

    private static int lineOf(String text, int offset) {
        return 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
    }

    private static String snippet(String text, int offset) {
        int end = text.indexOf('\n', offset);
        return text.substring(offset, end < 0 ? text.length() : end);
    }

    /** Runs from the constructors, so it must not touch this enum's static fields (they are not set yet). */
    private static String read(String resource) {
        try (InputStream in = GoTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Go template missing from the classpath: " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // A CRLF checkout would change every generated file while the generator version stays the same.
            if (text.indexOf('\r') >= 0) {
                throw new IllegalStateException("Go template has CR line endings: " + resource);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Go template " + resource, e);
        }
    }
}
