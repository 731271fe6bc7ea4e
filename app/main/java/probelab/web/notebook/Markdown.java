package probelab.web.notebook;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown cells to HTML with commonmark. This is the one place where the app emits HTML it did not write itself
 * (the template prints it with {@code $unsafe}), and it is safe because: {@code escapeHtml(true)} turns every raw HTML
 * block and inline tag in the source into escaped text ({@code <script>} shows as text, never runs), and
 * {@code sanitizeUrls(true)} drops link and image URLs whose scheme is not http, https, mailto or data:image
 * (no {@code javascript:}). Everything else commonmark writes comes from its own fixed set of tags, with attribute
 * values escaped.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    public static String toSafeHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
