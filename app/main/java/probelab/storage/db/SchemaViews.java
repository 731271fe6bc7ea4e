package probelab.storage.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public analyst views ({@code v_*}) as a notebook's schema panel shows them: name, the one-line question
 * {@code schema/views.sql} puts above the view, and its columns as DuckDB reports them. Private views (share links)
 * are left out.
 */
public final class SchemaViews {
    private static final Pattern VIEW = Pattern.compile("(?m)^--\\s*(.+)\\R\\s*CREATE OR REPLACE VIEW (v_\\w+)");
    private static final Set<String> PRIVATE = Set.of("v_shares");

    private SchemaViews() {
    }

    /** A view, its question and its columns in order. */
    public record View(String name, String question, List<String> columns) {
    }

    public static List<View> publicViews(Database db) {
        Map<String, String> questions = questions();
        String sql = """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_name LIKE 'v\\_%' ESCAPE '\\' ORDER BY table_name, ordinal_position""";
        Map<String, List<String>> columns = Reads.query(db, Reads.NO_TIMEOUT, "list the views' columns", sql, List.of(), rs -> {
            Map<String, List<String>> byView = new LinkedHashMap<>();
            while (rs.next()) byView.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            return byView;
        });
        List<View> out = new ArrayList<>();
        columns.forEach((name, cols) -> {
            if (!PRIVATE.contains(name)) out.add(new View(name, questions.getOrDefault(name, ""), List.copyOf(cols)));
        });
        return out;
    }

    /** Per view, the comment line right above its definition in {@code schema/views.sql}: the question it answers. */
    static Map<String, String> questions() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = VIEW.matcher(Schema.resource(Schema.VIEWS));
        while (m.find()) out.put(m.group(2), m.group(1).strip());
        return out;
    }
}
