package probelab.web.reportfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import probelab.TestEnv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report file's own scripts on the JVM (Mozilla Rhino), called with JSON and answering JSON: the JavaScript port
 * of the statistics and cells, checked against the Java without a browser. stats.js, figures.js and cells.js are
 * evaluated once per instance (hold one per test class: that is the slow part); page.js, which reads a file's data
 * block when it loads, once per {@link #page(String) page}. render.js draws the DOM and is not loaded.
 */
public final class ReportScripts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "js/reportfile/page.js";
    /** What a call runs: the function on the parsed arguments, its result as JSON text (undefined stays undefined). */
    private static final String CALL = "(function (f) { return function (args) { var r = f.apply(null, JSON.parse(args));"
            + " return r === undefined ? undefined : JSON.stringify(r); }; })";

    private final ScriptableObject global;
    private final Map<String, Function> functions = new HashMap<>();

    private ReportScripts(ScriptableObject global) {
        this.global = global;
    }

    /** The scripts a report file loads before page.js, in its order ({@link ReportFile#SCRIPTS}), from static/. */
    public static ReportScripts load() {
        try (Context cx = enter()) {
            ScriptableObject global = cx.initStandardObjects();
            // each script ends with window.X = ...: here the window is the global object, as in a browser
            cx.evaluateString(global, "var window = this;", "window-shim", 1, null);
            for (String script : ReportFile.SCRIPTS.subList(0, ReportFile.SCRIPTS.indexOf(PAGE))) {
                cx.evaluateString(global, source(script), script, 1, null);
            }
            return new ReportScripts(global);
        }
    }

    /**
     * Calls {@code function}, a JavaScript expression naming or defining a function ("ProbelabStats.holm",
     * "function (sets) { ... }"), with {@code args} as Jackson writes them, and parses what it returns with Jackson
     * (missing when it returns undefined). A script's exception propagates as Rhino's RhinoException.
     */
    public JsonNode call(String function, Object... args) {
        return call(global, functions, function, args);
    }

    /** page.js over {@code dataJson}, the text of a file's {@code #probelab-data} block, in a scope of its own. */
    public Page page(String dataJson) {
        try (Context cx = enter()) {
            Scriptable scope = cx.newObject(global);
            scope.setPrototype(global);
            scope.setParentScope(null);
            // page.js writes window.ProbelabFile: a window of its own, reading the shared scripts through its prototype
            Scriptable window = cx.newObject(global);
            window.setPrototype(global);
            ScriptableObject.putProperty(scope, "window", window);
            ScriptableObject.putProperty(scope, "probelabData", dataJson);
            cx.evaluateString(scope, "var document = { getElementById: function (id) {"
                    + " if (id !== 'probelab-data') throw new Error('page.js asked for #' + id);"
                    + " return { textContent: probelabData }; } };", "document-shim", 1, null);
            cx.evaluateString(scope, source(PAGE), PAGE, 1, null);
            return new Page(scope);
        }
    }

    /** One file's page.js, its {@code window.ProbelabFile} reachable as {@code window.ProbelabFile}. */
    public static final class Page {
        private final Scriptable scope;
        private final Map<String, Function> functions = new HashMap<>();

        private Page(Scriptable scope) {
            this.scope = scope;
        }

        /** As {@link ReportScripts#call}, in this page's scope. */
        public JsonNode call(String function, Object... args) {
            return ReportScripts.call(scope, functions, function, args);
        }
    }

    private static JsonNode call(Scriptable scope, Map<String, Function> cache, String function, Object[] args) {
        try (Context cx = enter()) {
            // compiled once per function text: thousands of calls of the same function cost one compilation
            Function f = cache.computeIfAbsent(function,
                    src -> (Function) cx.evaluateString(scope, CALL + "(" + src + ")", "call", 1, null));
            Object out = f.call(cx, scope, scope, new Object[]{JSON.writeValueAsString(args)});
            if (out == null || out instanceof org.mozilla.javascript.Undefined) return MissingNode.getInstance();
            return JSON.readTree(Context.toString(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("arguments or result not JSON: " + e.getMessage(), e);
        }
    }

    private static Context enter() {
        Context cx = Context.enter();
        // ES6: the scripts use Map, BigInt, DataView and Object.assign; compiled, as thousands of cases run
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(false);
        return cx;
    }

    /** The text of {@code script} ("js/reportfile/stats.js") under static/, as this class evaluates it. */
    public static String source(String script) {
        try {
            return Files.readString(TestEnv.root().resolve("static").resolve(script));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scripts a report file inlines, in its order: tests check that a file ships these very texts. */
    public static List<String> scripts() {
        return ReportFile.SCRIPTS;
    }
}
