package probelab.storage.db;

import probelab.catalog.Metric;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Keeps the {@code metric_catalog} table equal to {@link Metric}: SQL (views, exports, analysts' queries) reads the
 * catalog from there instead of keeping its own list of metric names.
 */
final class MetricCatalogTable {
    private MetricCatalogTable() {
    }

    /** Replaces the table's rows with the catalog's, in one transaction. */
    static void refill(Connection conn) throws SQLException {
        Writes.inTransaction(conn, c -> {
            Writes.update(c, "DELETE FROM metric_catalog");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_catalog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (Metric m : Metric.all()) {
                    ps.setString(1, m.id());
                    ps.setString(2, m.family().id());
                    ps.setString(3, m.unit().symbol());
                    ps.setString(4, m.displayName());
                    ps.setString(5, m.better().name().toLowerCase(Locale.ROOT));
                    ps.setString(6, m.presence().name().toLowerCase(Locale.ROOT));
                    ps.setArray(7, c.createArrayOf("VARCHAR", m.phases().toArray()));
                    ps.setString(8, m.description());
                    ps.setInt(9, position++);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
