package probelab.web.common;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * jte rendering, done by hand (there is no javalin-rendering-jte for Javalin 7 on the mirror). Every template
 * takes one typed record, and output is HTML-escaped by context; no template uses {@code $unsafe}.
 */
public final class Templates {
    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    /** The templates compiled into the jar by jte-maven-plugin. */
    public static Templates precompiled() {
        return new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
    }

    /**
     * Dev mode: templates read from {@code dir} and recompiled when they change (needs a JDK at run time), with
     * generated classes under {@code classDir}, which is kept off the classpath.
     */
    public static Templates hotReloading(Path dir, Path classDir) {
        TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(dir), classDir, ContentType.Html);
        engine.setClassPath(expandedClassPath());
        return new Templates(engine);
    }

    public String render(String template, Object model) {
        StringOutput out = new StringOutput(8192);
        engine.render(template, model, out);
        return out.toString();
    }

    /** The JVM's class path with "dir/*" entries expanded: the in-process compiler does not expand wildcards. */
    private static List<String> expandedClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> out.add(p.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (!entry.isEmpty()) {
                out.add(entry);
            }
        }
        return out;
    }
}
