package probelab.web.notebook;

import probelab.web.common.Layout;

import java.util.List;

/** The typed records the notebook templates take: one per template, strings already formatted. */
public final class NotebookViews {
    private NotebookViews() {
    }

    /** notebook/listPage.jte */
    public record ListPage(Layout layout, List<Item> notebooks, boolean editable, String createUrl) {
    }

    public record Item(String title, String url, String cells, String updatedAt) {
    }

    /** notebook/page.jte. {@code sharedNote} is set on a shared (read-only) notebook. */
    /** {@code schema}: the public views with their question and columns, whose names the panel inserts into the editor. */
    public record Page(Layout layout, String title, String sharedNote, boolean editable, String renameUrl,
                       String deleteUrl, String shareUrl, Cells cells, List<probelab.storage.db.SchemaViews.View> schema) {
    }

    /** notebook/cells.jte: the swappable list of cells, with the add-cell form when editable. */
    public record Cells(String domId, List<Cell> cells, boolean editable, String addUrl, String refreshUrl) {
    }

    /**
     * notebook/cell.jte: one cell as shown. Markdown cells carry {@code html} (see {@link Markdown}); SQL cells carry
     * their source and {@code result}. {@code editor} is set while the cell is being edited.
     */
    public record Cell(String id, String domId, String kind, String html, String source, Result result, boolean editable,
                       boolean first, boolean last, String editUrl, String moveUrl, String deleteUrl, String jsonUrl,
                       String csvUrl, Editor editor) {
        public boolean isSql() {
            return "sql".equals(kind);
        }
    }

    /** notebook/result.jte: a SQL cell's result table, or its error. */
    public record Result(String error, List<String> columns, List<List<String>> rows, boolean truncated, int maxRows,
                         int hiddenRows, String elapsed, String chartDomId, String chartSrc, String pendingUrl) {
        /** The sandbox refused or failed the query: the message shows in the cell. */
        public static Result refused(String message) {
            return new Result(message, List.of(), List.of(), false, 0, 0, "", null, null, null);
        }

        /** Still running when the page was sent: a placeholder that loads the result fragment from {@code url}. */
        public static Result pending(String url) {
            return new Result(null, List.of(), List.of(), false, 0, 0, "", null, null, url);
        }
    }

    /** notebook/editor.jte: the form that edits a cell (its chart settings for SQL cells). */
    public record Editor(String cellDomId, String kind, String source, String saveUrl, String cancelUrl, String chartType,
                         List<String> chartTypes, String x, String y, String series, List<String> columns) {
    }

    /** notebook/shareResult.jte */
    public record ShareLink(String url) {
    }
}
