package probelab.storage.notebooks;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Writes;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** User notebooks: ordered markdown and SQL cells, kept in {@code notebooks} and {@code notebook_cells}. */
public final class Notebooks {
    public static final String MARKDOWN = "markdown";
    public static final String SQL = "sql";
    public static final List<String> CHART_TYPES = List.of("line", "bar", "scatter");
    /** A cell's source is at most this long (the SQL sandbox refuses longer SQL anyway). */
    public static final int MAX_SOURCE_CHARS = 100_000;
    public static final int MAX_TITLE_CHARS = 200;
    public static final int MAX_CELLS = 200;

    private final Database db;

    public Notebooks(Database db) {
        this.db = db;
    }

    public record Notebook(String id, String title, Instant createdAt, Instant updatedAt, int cells) {
    }

    /** {@code chartType} null means table only; chart columns are result column names. */
    public record Cell(String id, String notebookId, int position, String kind, String source, String chartType,
                       String chartX, String chartY, String chartSeries) {
        public boolean isSql() {
            return SQL.equals(kind);
        }

        public Chart chart() {
            return new Chart(chartType, chartX, chartY, chartSeries);
        }
    }

    public record Chart(String type, String x, String y, String series) {
        public static final Chart NONE = new Chart(null, null, null, null);
    }

    public Notebook create(String title) {
        String t = title(title);
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Writes.update(db, "create a notebook", "INSERT INTO notebooks VALUES (?, ?, ?, ?)", id, t, Writes.timestamp(now),
                Writes.timestamp(now));
        return find(id).orElseThrow();
    }

    public Optional<Notebook> find(String id) {
        List<Notebook> l = notebooks("WHERE n.notebook_id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<Notebook> list() {
        return notebooks("ORDER BY n.updated_at DESC LIMIT 1000", null);
    }

    public void rename(String id, String title) {
        Writes.update(db, "rename a notebook", "UPDATE notebooks SET title = ?, updated_at = ? WHERE notebook_id = ?",
                title(title), Writes.timestamp(Instant.now()), id);
    }

    public void delete(String id) {
        Writes.update(db, "delete a notebook's cells", "DELETE FROM notebook_cells WHERE notebook_id = ?", id);
        Writes.update(db, "delete a notebook", "DELETE FROM notebooks WHERE notebook_id = ?", id);
    }

    public List<Cell> cells(String notebookId) {
        String sql = "SELECT cell_id, notebook_id, position, kind, source, chart_type, chart_x, chart_y, chart_series "
                + "FROM notebook_cells WHERE notebook_id = ? ORDER BY position, cell_id LIMIT " + (MAX_CELLS + 1);
        return Reads.query(db, Reads.NO_TIMEOUT, "read a notebook's cells", sql, List.of(notebookId), rs -> {
            List<Cell> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Cell(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
            return out;
        });
    }

    public Optional<Cell> cell(String notebookId, String cellId) {
        return cells(notebookId).stream().filter(c -> c.id().equals(cellId)).findFirst();
    }

    /** Appends a cell at the end. */
    public Cell addCell(String notebookId, String kind, String source) {
        if (!MARKDOWN.equals(kind) && !SQL.equals(kind)) {
            throw new IllegalArgumentException("unknown cell kind '" + kind + "'; valid: markdown, sql");
        }
        List<Cell> cells = cells(notebookId);
        if (cells.size() >= MAX_CELLS) throw new IllegalArgumentException("a notebook holds at most " + MAX_CELLS + " cells");
        String id = UUID.randomUUID().toString();
        Writes.update(db, "add a cell", "INSERT INTO notebook_cells (cell_id, notebook_id, position, kind, source, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", id, notebookId, cells.size(), kind, source(source),
                Writes.timestamp(Instant.now()));
        touch(notebookId);
        return cell(notebookId, id).orElseThrow();
    }

    public void editCell(String notebookId, String cellId, String source, Chart chart) {
        if (chart.type() != null && !CHART_TYPES.contains(chart.type())) {
            throw new IllegalArgumentException("unknown chart type '" + chart.type() + "'; valid: " + String.join(", ", CHART_TYPES));
        }
        Writes.update(db, "edit a cell", "UPDATE notebook_cells SET source = ?, chart_type = ?, chart_x = ?, chart_y = ?, "
                        + "chart_series = ?, updated_at = ? WHERE notebook_id = ? AND cell_id = ?",
                source(source), chart.type(), blankToNull(chart.x()), blankToNull(chart.y()), blankToNull(chart.series()),
                Writes.timestamp(Instant.now()), notebookId, cellId);
        touch(notebookId);
    }

    public void deleteCell(String notebookId, String cellId) {
        Writes.update(db, "delete a cell", "DELETE FROM notebook_cells WHERE notebook_id = ? AND cell_id = ?", notebookId, cellId);
        renumber(notebookId, cells(notebookId));
    }

    /** Moves a cell one place up ({@code delta} -1) or down (+1); at either end nothing moves. */
    public void move(String notebookId, String cellId, int delta) {
        List<Cell> cells = new ArrayList<>(cells(notebookId));
        int i = -1;
        for (int k = 0; k < cells.size(); k++) if (cells.get(k).id().equals(cellId)) i = k;
        int j = i + Integer.signum(delta);
        if (i < 0 || j < 0 || j >= cells.size()) return;
        Cell c = cells.remove(i);
        cells.add(j, c);
        renumber(notebookId, cells);
    }

    private void renumber(String notebookId, List<Cell> ordered) {
        Writes.inTransaction(db, "reorder cells", conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE notebook_cells SET position = ? WHERE notebook_id = ? AND cell_id = ?")) {
                for (int k = 0; k < ordered.size(); k++) {
                    ps.setInt(1, k);
                    ps.setString(2, notebookId);
                    ps.setString(3, ordered.get(k).id());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        touch(notebookId);
    }

    private void touch(String notebookId) {
        Writes.update(db, "touch a notebook", "UPDATE notebooks SET updated_at = ? WHERE notebook_id = ?",
                Writes.timestamp(Instant.now()), notebookId);
    }

    private List<Notebook> notebooks(String tail, String arg) {
        String sql = "SELECT n.notebook_id, n.title, n.created_at, n.updated_at, "
                + "(SELECT count(*) FROM notebook_cells c WHERE c.notebook_id = n.notebook_id) FROM notebooks n " + tail;
        return Reads.query(db, Reads.NO_TIMEOUT, "read notebooks", sql, arg == null ? List.of() : List.of(arg), rs -> {
            List<Notebook> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Notebook(rs.getString(1), rs.getString(2), Reads.instant(rs, 3), Reads.instant(rs, 4),
                        rs.getInt(5)));
            }
            return out;
        });
    }

    private static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) t = "Untitled notebook";
        if (t.length() > MAX_TITLE_CHARS) throw new IllegalArgumentException("a title has at most " + MAX_TITLE_CHARS + " characters");
        return t;
    }

    private static String source(String source) {
        String s = source == null ? "" : source;
        if (s.length() > MAX_SOURCE_CHARS) throw new IllegalArgumentException("a cell has at most " + MAX_SOURCE_CHARS + " characters");
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
